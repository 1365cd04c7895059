#pragma once
// The Vulkan instance, the chosen device and its graphics queue. Prefers a discrete GPU, then an
// integrated one, then anything else (lavapipe, Mesa's CPU driver). Shared by the offscreen renderer
// and the window's swapchain (pass the window's instance extensions, VK_KHR_swapchain and a way to
// make the window's surface: the device is then chosen among those that can present to it).
#include "core/common/error.h"
#include "render/vulkan.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace pinpoint::render {

// The sample-count flag for a wanted count of samples per pixel (1, 2, 4 or 8; others round down).
vk::SampleCountFlagBits sampleCountFor(std::uint32_t samples);

enum class MessageSeverity { Info, Warning, Error };

struct ValidationMessage {
    MessageSeverity severity = MessageSeverity::Info;
    std::string text;
};
using MessageSink = std::function<void(const ValidationMessage&)>;

struct ContextOptions {
    bool validation = false;  // turn on VK_LAYER_KHRONOS_validation with a debug messenger
    MessageSink onMessage;    // warnings and errors from the layer; default: printed to stderr
    std::vector<std::string> instanceExtensions;
    std::vector<std::string> deviceExtensions;
    // Makes the window's surface on the new instance, before a device is chosen: only a device whose
    // graphics queue can present to it is taken. Empty: offscreen, any device will do.
    std::function<vk::raii::SurfaceKHR(const vk::raii::Instance&)> makeSurface;
    // A device whose name contains this (any case), if it can present; empty: the best ranked.
    std::string preferredDevice;
};

// A usable device (graphics queue, Vulkan 1.1, the extensions asked for) as the choice sees it.
struct DeviceCandidate {
    std::string name;
    vk::PhysicalDeviceType type = vk::PhysicalDeviceType::eOther;
    bool canPresent = true;  // to the window, from a graphics queue (always, offscreen)
};
struct DeviceChoice {
    std::size_t index = 0;
    std::string note;  // why another device than the one asked for was taken (empty: none)
};
// The best-ranked device that can present; with `preferred`, the best-ranked one whose name contains
// it, unless none of those can present: then the best-ranked one that can (lavapipe, where the GPU
// cannot reach the window), with a note. An error naming the devices when `preferred` matches
// none, or when no device can present.
core::Result<DeviceChoice> chooseDevice(const std::vector<DeviceCandidate>& devices, const std::string& preferred);

struct DeviceInfo {
    std::string name;
    vk::PhysicalDeviceType type = vk::PhysicalDeviceType::eOther;
    std::uint32_t apiVersion = 0;
};

class Context {
public:
    // A located, one-line error when there is no usable Vulkan device (with what to install).
    static core::Result<std::unique_ptr<Context>> create(const ContextOptions& options);

    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
    ~Context();

    const vk::raii::Instance& instance() const { return instance_; }
    const vk::raii::PhysicalDevice& physicalDevice() const { return physical_; }
    const vk::raii::Device& device() const { return device_; }
    const vk::raii::Queue& queue() const { return queue_; }
    std::uint32_t queueFamily() const { return queueFamily_; }
    const DeviceInfo& info() const { return info_; }
    // Why the device asked for was not taken (empty when it was, or none was asked for).
    const std::string& choiceNote() const { return choiceNote_; }
    // The window's surface made with `makeSurface` (once; the caller then owns it).
    vk::raii::SurfaceKHR takeSurface() { return std::move(surface_); }

    // A memory type among `typeBits` with all of `required`; throws RenderError when there is none.
    std::uint32_t memoryType(std::uint32_t typeBits, vk::MemoryPropertyFlags required) const;
    // Records commands with `record`, submits them and waits: for uploads and one-off work.
    void runOnce(const std::function<void(const vk::raii::CommandBuffer&)>& record) const;
    // Multisampling for interactive frames: 4 on a GPU; 1 on a CPU driver such as lavapipe, where
    // 4x costs about three times the frame time.
    std::uint32_t interactiveSamples() const { return info_.type == vk::PhysicalDeviceType::eCpu ? 1u : 4u; }
    // The largest sample count no bigger than `wanted` usable for colour and depth together.
    vk::SampleCountFlagBits supportedSamples(vk::SampleCountFlagBits wanted) const;

private:
    Context() = default;
    void init(const ContextOptions& options);

    // Declared in creation order: members are destroyed in reverse, children before parents.
    std::unique_ptr<MessageSink> sink_;  // fixed address: the debug messenger's user data
    vk::raii::Context loader_;
    vk::raii::Instance instance_{nullptr};
    vk::raii::DebugUtilsMessengerEXT messenger_{nullptr};
    vk::raii::SurfaceKHR surface_{nullptr};
    vk::raii::PhysicalDevice physical_{nullptr};
    vk::raii::Device device_{nullptr};
    vk::raii::Queue queue_{nullptr};
    vk::raii::CommandPool commandPool_{nullptr};
    std::uint32_t queueFamily_ = 0;
    DeviceInfo info_;
    std::string choiceNote_;
};

const char* deviceTypeName(vk::PhysicalDeviceType type);

}  // namespace pinpoint::render
