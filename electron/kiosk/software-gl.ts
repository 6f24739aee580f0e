// Chromium on a machine without a usable GPU (and in every browser test here): WebGL through SwiftShader,
// the page itself composited by Skia on the CPU. Compositing through SwiftShader as well costs more than
// the map: every frame the compositor draws the page's layers as textured quads on the CPU emulation of a
// GPU, then reads the result back. Measured with the bench on one core: flight frames 83–100 ms with GPU
// compositing, 33 ms without; a tap on a village dot until presented p95 256 → 64 ms.
// The Electron shell gets the same from app.disableHardwareAcceleration() in its software mode.
export const SOFTWARE_GL_ARGS: readonly string[] = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu-compositing'];
