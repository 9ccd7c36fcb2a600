// A pool worker (tinypool, worker_threads): receives the core's compiled WASM module once through workerData, then
// runs one point per task with the same evaluatePoint as the main thread.
import Tinypool from 'tinypool';
import { useCompiledCore } from '../core/wasm.ts';
import { evaluatePoint, type PointTask } from './evaluate.ts';

const data = Tinypool.workerData as { core?: WebAssembly.Module } | undefined;
if (data?.core instanceof WebAssembly.Module) useCompiledCore(data.core);

export default function run(task: PointTask): ReturnType<typeof evaluatePoint> {
  return evaluatePoint(task);
}
