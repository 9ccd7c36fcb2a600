// Exact period fast-forward (filled in below).
let enabled = false;
export function resetForward(on: bool): void {
  enabled = on;
}
export function checkpoint(a: i32): void {
  if (!enabled) return;
}
