/** Front door of the GPU probe: which GPUs `nvidia-smi` reports and which ones CUDA_VISIBLE_DEVICES leaves. */
export * from './probe';
