#include "render/gpu_buffer.h"

#include <cassert>
#include <cstring>

namespace pinpoint::render {

namespace {

vk::raii::DeviceMemory allocate(const Context& context, const vk::MemoryRequirements& needs,
                                vk::MemoryPropertyFlags properties) {
    const std::uint32_t type = context.memoryType(needs.memoryTypeBits, properties);
    return vk::raii::DeviceMemory(context.device(), vk::MemoryAllocateInfo(needs.size, type));
}

}  // namespace

Buffer::Buffer(const Context& context, vk::DeviceSize size, vk::BufferUsageFlags usage,
               vk::MemoryPropertyFlags memory)
    : context_(&context), size_(size) {
    buffer_ = vk::raii::Buffer(context.device(), vk::BufferCreateInfo({}, size, usage, vk::SharingMode::eExclusive));
    const vk::MemoryRequirements needs = buffer_.getMemoryRequirements();
    // Prefer coherent host memory; cached where it exists, for fast read-back.
    if (memory & vk::MemoryPropertyFlagBits::eHostVisible) {
        const vk::MemoryPropertyFlags preferred =
            memory | vk::MemoryPropertyFlagBits::eHostCoherent | vk::MemoryPropertyFlagBits::eHostCached;
        try {
            memory_ = allocate(context, needs, preferred);
            memory = preferred;
        } catch (const RenderError&) {
            memory_ = allocate(context, needs, memory);
        }
    } else {
        memory_ = allocate(context, needs, memory);
    }
    buffer_.bindMemory(*memory_, 0);
    if (memory & vk::MemoryPropertyFlagBits::eHostVisible) {
        mapped_ = static_cast<std::byte*>(memory_.mapMemory(0, VK_WHOLE_SIZE));
        const vk::PhysicalDeviceMemoryProperties props = context.physicalDevice().getMemoryProperties();
        const std::uint32_t type = context.memoryType(needs.memoryTypeBits, memory);
        coherent_ = static_cast<bool>(props.memoryTypes[type].propertyFlags & vk::MemoryPropertyFlagBits::eHostCoherent);
    }
}

void Buffer::write(const void* data, std::size_t bytes, std::size_t offset) {
    assert(mapped_ != nullptr && offset + bytes <= size_);
    std::memcpy(mapped_ + offset, data, bytes);
    if (!coherent_)
        context_->device().flushMappedMemoryRanges(vk::MappedMemoryRange(*memory_, 0, VK_WHOLE_SIZE));
}

const std::byte* Buffer::read() {
    assert(mapped_ != nullptr);
    if (!coherent_)
        context_->device().invalidateMappedMemoryRanges(vk::MappedMemoryRange(*memory_, 0, VK_WHOLE_SIZE));
    return mapped_;
}

Buffer uploadBuffer(const Context& context, const void* data, std::size_t bytes, vk::BufferUsageFlags usage) {
    const vk::DeviceSize size = bytes == 0 ? 4 : bytes;  // Vulkan has no empty buffers
    Buffer staging(context, size, vk::BufferUsageFlagBits::eTransferSrc, vk::MemoryPropertyFlagBits::eHostVisible);
    if (bytes > 0) staging.write(data, bytes);
    Buffer target(context, size, usage | vk::BufferUsageFlagBits::eTransferDst,
                  vk::MemoryPropertyFlagBits::eDeviceLocal);
    context.runOnce([&](const vk::raii::CommandBuffer& cmd) {
        cmd.copyBuffer(staging.handle(), target.handle(), vk::BufferCopy(0, 0, size));
        const vk::BufferMemoryBarrier barrier(vk::AccessFlagBits::eTransferWrite, vk::AccessFlagBits::eShaderRead,
                                              VK_QUEUE_FAMILY_IGNORED, VK_QUEUE_FAMILY_IGNORED, target.handle(), 0,
                                              VK_WHOLE_SIZE);
        cmd.pipelineBarrier(vk::PipelineStageFlagBits::eTransfer,
                            vk::PipelineStageFlagBits::eVertexShader | vk::PipelineStageFlagBits::eFragmentShader,
                            {}, {}, barrier, {});
    });
    return target;
}

Image::Image(const Context& context, vk::Extent2D extent, vk::Format format, vk::SampleCountFlagBits samples,
             vk::ImageUsageFlags usage, vk::ImageAspectFlags aspect)
    : format_(format) {
    const vk::ImageCreateInfo info({}, vk::ImageType::e2D, format, vk::Extent3D(extent, 1), 1, 1, samples,
                                   vk::ImageTiling::eOptimal, usage, vk::SharingMode::eExclusive, {},
                                   vk::ImageLayout::eUndefined);
    image_ = vk::raii::Image(context.device(), info);
    memory_ = allocate(context, image_.getMemoryRequirements(), vk::MemoryPropertyFlagBits::eDeviceLocal);
    image_.bindMemory(*memory_, 0);
    view_ = vk::raii::ImageView(context.device(),
                                vk::ImageViewCreateInfo({}, *image_, vk::ImageViewType::e2D, format, {},
                                                        vk::ImageSubresourceRange(aspect, 0, 1, 0, 1)));
}

}  // namespace pinpoint::render
