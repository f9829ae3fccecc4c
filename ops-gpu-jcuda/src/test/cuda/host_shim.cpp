// The host side of host_shim.h: thread and block indices, and the barrier behind __syncthreads().
#include "host_shim.h"
#include <barrier>

thread_local emu_dim3 blockIdx;
thread_local emu_dim3 threadIdx;
emu_dim3 blockDim;
emu_dim3 gridDim;
static std::barrier<>* block_barrier = nullptr;

extern "C" void emu_syncthreads() { block_barrier->arrive_and_wait(); }

// Before a launch: the grid and block sizes, and a fresh barrier for one block's threads.
extern "C" void emu_set_dims(unsigned grid_x, unsigned grid_y, unsigned threads) {
    gridDim = {grid_x, grid_y, 1};
    blockDim = {threads, 1, 1};
    delete block_barrier;
    block_barrier = new std::barrier<>(threads);
}

// On each OS thread playing a CUDA thread, before it calls the kernel.
extern "C" void emu_set_thread(unsigned block_x, unsigned block_y, unsigned thread_x) {
    blockIdx = {block_x, block_y, 0};
    threadIdx = {thread_x, 0, 0};
}
