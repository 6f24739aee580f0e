// The camera's hard limits and the touch gestures that move it within them, in one import for the adapter.
export type { CameraLimits } from './camera-clamp';
export { clamp, clampPose, createCameraLimits, wrapAngle } from './camera-clamp';
export type { GestureOptions, PanOptions } from './gestures';
export { panPose, pinchPose, zoomAtPoint } from './gestures';
export type { InertiaStep, Velocity } from './inertia';
export { AT_REST, inertiaStep, isAtRest } from './inertia';
