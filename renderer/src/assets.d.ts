// Stylesheets and fonts are bundled by Vite; importing them has no value in TypeScript.
declare module '*.css';
