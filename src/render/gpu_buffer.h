#pragma once
// Buffers and images with their own memory: one allocation each, which suits the handful of
// resources the renderer owns.
#include "render/context.h"

#include <cstddef>

namespace pinpoint::render {

class Buffer {
public:
    // Host-visible buffers are mapped for their whole life.
    Buffer(const Context& context, vk::DeviceSize size, vk::BufferUsageFlags usage, vk::MemoryPropertyFlags memory);

    vk::Buffer handle() const { return *buffer_; }
    vk::DeviceSize size() const { return size_; }

    // Host-visible buffers only: copy in at `offset` bytes (flushed when the memory is not coherent).
    void write(const void* data, std::size_t bytes, std::size_t offset = 0);
    // Host-visible buffers only: the mapped bytes, made current after the GPU wrote them.
    const std::byte* read();

private:
    const Context* context_;
    vk::DeviceSize size_;
    // Memory first: destroyed after the buffer bound to it.
    vk::raii::DeviceMemory memory_{nullptr};
    vk::raii::Buffer buffer_{nullptr};
    std::byte* mapped_ = nullptr;
    bool coherent_ = true;
};

// A device-local buffer filled with `bytes` through a staging copy.
Buffer uploadBuffer(const Context& context, const void* data, std::size_t bytes, vk::BufferUsageFlags usage);

class Image {
public:
    Image(const Context& context, vk::Extent2D extent, vk::Format format, vk::SampleCountFlagBits samples,
          vk::ImageUsageFlags usage, vk::ImageAspectFlags aspect);

    vk::Image handle() const { return *image_; }
    vk::ImageView view() const { return *view_; }
    vk::Format format() const { return format_; }

private:
    vk::Format format_;
    vk::raii::DeviceMemory memory_{nullptr};
    vk::raii::Image image_{nullptr};
    vk::raii::ImageView view_{nullptr};
};

}  // namespace pinpoint::render
