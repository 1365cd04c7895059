#include "render/context.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iostream>

namespace pinpoint::render {

vk::SampleCountFlagBits sampleCountFor(std::uint32_t n) {
    if (n >= 8) return vk::SampleCountFlagBits::e8;
    if (n >= 4) return vk::SampleCountFlagBits::e4;
    if (n >= 2) return vk::SampleCountFlagBits::e2;
    return vk::SampleCountFlagBits::e1;
}

namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

VKAPI_ATTR VkBool32 VKAPI_CALL onDebugMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                              VkDebugUtilsMessageTypeFlagsEXT /*types*/,
                                              const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
    const auto* sink = static_cast<const MessageSink*>(user);
    ValidationMessage m;
    m.severity = (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) ? MessageSeverity::Error
                 : (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) ? MessageSeverity::Warning
                                                                                : MessageSeverity::Info;
    m.text = data && data->pMessage ? data->pMessage : "(no message)";
    if (sink && *sink) (*sink)(m);
    return VK_FALSE;
}

vk::DebugUtilsMessengerCreateInfoEXT messengerInfo(const MessageSink* sink) {
    using S = vk::DebugUtilsMessageSeverityFlagBitsEXT;
    using T = vk::DebugUtilsMessageTypeFlagBitsEXT;
    return vk::DebugUtilsMessengerCreateInfoEXT({}, S::eWarning | S::eError,
                                                T::eGeneral | T::eValidation | T::ePerformance, &onDebugMessage,
                                                const_cast<MessageSink*>(sink));
}

// A choice that found no device: its message and the list of devices go out as they are.
struct DeviceChoiceError {
    core::Error error;
};

int deviceRank(vk::PhysicalDeviceType type) {
    switch (type) {
    case vk::PhysicalDeviceType::eDiscreteGpu: return 4;
    case vk::PhysicalDeviceType::eIntegratedGpu: return 3;
    case vk::PhysicalDeviceType::eVirtualGpu: return 2;
    case vk::PhysicalDeviceType::eCpu: return 1;
    default: return 0;
    }
}

bool hasExtensions(const vk::raii::PhysicalDevice& device, const std::vector<std::string>& wanted) {
    const std::vector<vk::ExtensionProperties> available = device.enumerateDeviceExtensionProperties();
    return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& name) {
        return std::any_of(available.begin(), available.end(),
                           [&](const vk::ExtensionProperties& e) { return name == e.extensionName.data(); });
    });
}

// A graphics queue family, one that can present to `surface` when there is one and such a family.
std::optional<std::uint32_t> graphicsFamily(const vk::raii::PhysicalDevice& device, vk::SurfaceKHR surface,
                                            bool* canPresent) {
    const std::vector<vk::QueueFamilyProperties> families = device.getQueueFamilyProperties();
    std::optional<std::uint32_t> graphics;
    for (std::uint32_t i = 0; i < families.size(); ++i) {
        if (!(families[i].queueFlags & vk::QueueFlagBits::eGraphics)) continue;
        if (!graphics) graphics = i;
        if (!surface || device.getSurfaceSupportKHR(i, surface)) {
            *canPresent = true;
            return i;
        }
    }
    *canPresent = false;
    return graphics;
}

std::string lowerCase(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string deviceList(const std::vector<DeviceCandidate>& devices) {
    std::string out;
    for (const DeviceCandidate& d : devices) {
        if (!out.empty()) out += ", ";
        out += d.name + " (" + deviceTypeName(d.type) + (d.canPresent ? "" : ", cannot present to the window") + ")";
    }
    return out.empty() ? "none" : out;
}

std::vector<const char*> cStrings(const std::vector<std::string>& strings) {
    std::vector<const char*> out;
    for (const std::string& s : strings) out.push_back(s.c_str());
    return out;
}

}  // namespace

core::Result<DeviceChoice> chooseDevice(const std::vector<DeviceCandidate>& devices, const std::string& preferred) {
    const auto best = [&](const auto& accept) -> std::optional<std::size_t> {
        std::optional<std::size_t> chosen;
        for (std::size_t i = 0; i < devices.size(); ++i)
            if (accept(devices[i]) && (!chosen || deviceRank(devices[i].type) > deviceRank(devices[*chosen].type)))
                chosen = i;
        return chosen;
    };
    const std::string hint = "Vulkan devices here: " + deviceList(devices);
    const std::optional<std::size_t> presenting = best([](const DeviceCandidate& d) { return d.canPresent; });
    if (preferred.empty()) {
        if (!presenting) return core::Error{"", 0, 0, "no Vulkan device can draw into the window", hint};
        return DeviceChoice{*presenting, ""};
    }
    const std::string wanted = lowerCase(preferred);
    const auto named = [&](const DeviceCandidate& d) { return lowerCase(d.name).find(wanted) != std::string::npos; };
    if (!best(named)) return core::Error{"", 0, 0, "no Vulkan device is named like '" + preferred + "'", hint};
    if (const auto match = best([&](const DeviceCandidate& d) { return named(d) && d.canPresent; }))
        return DeviceChoice{*match, ""};
    if (!presenting)
        return core::Error{"", 0, 0, "'" + preferred + "' cannot draw into the window, nor can any other device", hint};
    return DeviceChoice{*presenting, devices[*best(named)].name + " cannot draw into this window; using " +
                                         devices[*presenting].name + " instead"};
}

const char* deviceTypeName(vk::PhysicalDeviceType type) {
    switch (type) {
    case vk::PhysicalDeviceType::eDiscreteGpu: return "discrete GPU";
    case vk::PhysicalDeviceType::eIntegratedGpu: return "integrated GPU";
    case vk::PhysicalDeviceType::eVirtualGpu: return "virtual GPU";
    case vk::PhysicalDeviceType::eCpu: return "CPU";
    default: return "other";
    }
}

core::Result<std::unique_ptr<Context>> Context::create(const ContextOptions& options) {
    const std::string hint =
        "install mesa-vulkan-drivers for lavapipe, which runs Vulkan on the CPU; check VK_ICD_FILENAMES";
    std::unique_ptr<Context> context(new Context());
    try {
        context->init(options);
    } catch (const vk::SystemError& e) {
        return core::Error{"", 0, 0, std::string("no usable Vulkan device: ") + e.what(), hint};
    } catch (const DeviceChoiceError& e) {
        return e.error;
    } catch (const RenderError& e) {
        return core::Error{"", 0, 0, e.what(), hint};
    }
    return context;
}

Context::~Context() {
    if (*device_) device_.waitIdle();
}

void Context::init(const ContextOptions& options) {
    sink_ = std::make_unique<MessageSink>(options.onMessage);
    if (!*sink_) {
        *sink_ = [](const ValidationMessage& m) {
            std::cerr << "vulkan " << (m.severity == MessageSeverity::Error ? "error" : "warning") << ": " << m.text
                      << "\n";
        };
    }

    std::vector<std::string> extensions = options.instanceExtensions;
    std::vector<const char*> layers;
    if (options.validation) {
        const auto available = loader_.enumerateInstanceLayerProperties();
        const bool found = std::any_of(available.begin(), available.end(), [](const vk::LayerProperties& l) {
            return std::strcmp(l.layerName.data(), kValidationLayer) == 0;
        });
        if (!found) throw RenderError("the Vulkan validation layer is missing (install vulkan-validationlayers)");
        layers.push_back(kValidationLayer);
        extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    }
    const std::vector<const char*> extensionNames = cStrings(extensions);
    const vk::ApplicationInfo app("pinpoint", 1, "pinpoint", 1, VK_API_VERSION_1_1);
    vk::InstanceCreateInfo instanceInfo({}, &app, layers, extensionNames);
    const vk::DebugUtilsMessengerCreateInfoEXT debugInfo = messengerInfo(sink_.get());
    if (options.validation) instanceInfo.pNext = &debugInfo;  // also covers instance creation itself
    instance_ = vk::raii::Instance(loader_, instanceInfo);
    if (options.validation) messenger_ = vk::raii::DebugUtilsMessengerEXT(instance_, debugInfo);

    if (options.makeSurface) surface_ = options.makeSurface(instance_);

    // The usable devices (a graphics queue, Vulkan 1.1, the extensions asked for), then the choice.
    vk::raii::PhysicalDevices devices(instance_);
    std::vector<std::size_t> usable;
    std::vector<DeviceCandidate> candidates;
    std::vector<std::uint32_t> families;
    for (std::size_t i = 0; i < devices.size(); ++i) {
        const vk::PhysicalDeviceProperties props = devices[i].getProperties();
        bool canPresent = false;
        const std::optional<std::uint32_t> family = graphicsFamily(devices[i], *surface_, &canPresent);
        if (props.apiVersion < VK_API_VERSION_1_1 || !family || !hasExtensions(devices[i], options.deviceExtensions))
            continue;
        usable.push_back(i);
        candidates.push_back({props.deviceName.data(), props.deviceType, canPresent});
        families.push_back(*family);
    }
    if (candidates.empty()) throw RenderError("no Vulkan device with graphics support was found");
    const core::Result<DeviceChoice> choice = chooseDevice(candidates, options.preferredDevice);
    if (!choice) throw DeviceChoiceError(choice.error());
    physical_ = std::move(devices[usable[choice->index]]);
    queueFamily_ = families[choice->index];
    choiceNote_ = choice->note;

    const vk::PhysicalDeviceProperties props = physical_.getProperties();
    info_.name = props.deviceName.data();
    info_.type = props.deviceType;
    info_.apiVersion = props.apiVersion;

    const float priority = 1.0f;
    const vk::DeviceQueueCreateInfo queueInfo({}, queueFamily_, 1, &priority);
    const std::vector<const char*> deviceExtensions = cStrings(options.deviceExtensions);
    // Beyond the core only points wider than a pixel (the drops of pinpoint bleeding), where offered;
    // without it they are drawn one pixel wide.
    // The heatmap's fragment shader reads gl_PrimitiveID (shaders/skin_samples.glsl), which Vulkan
    // offers with the geometry shader feature (lavapipe and desktop GPUs have it).
    const vk::PhysicalDeviceFeatures offered = physical_.getFeatures();
    if (!offered.geometryShader)
        throw RenderError("the Vulkan device " + info_.name + " lacks the geometry shader feature the heatmap needs");
    vk::PhysicalDeviceFeatures features;
    features.largePoints = offered.largePoints;
    features.geometryShader = offered.geometryShader;
    const vk::DeviceCreateInfo deviceInfo({}, queueInfo, {}, deviceExtensions, &features);
    device_ = vk::raii::Device(physical_, deviceInfo);
    queue_ = vk::raii::Queue(device_, queueFamily_, 0);
    commandPool_ = vk::raii::CommandPool(
        device_, vk::CommandPoolCreateInfo(vk::CommandPoolCreateFlagBits::eResetCommandBuffer, queueFamily_));
}

std::uint32_t Context::memoryType(std::uint32_t typeBits, vk::MemoryPropertyFlags required) const {
    const vk::PhysicalDeviceMemoryProperties memory = physical_.getMemoryProperties();
    for (std::uint32_t i = 0; i < memory.memoryTypeCount; ++i)
        if ((typeBits & (1u << i)) && (memory.memoryTypes[i].propertyFlags & required) == required) return i;
    throw RenderError("no suitable Vulkan memory type");
}

void Context::runOnce(const std::function<void(const vk::raii::CommandBuffer&)>& record) const {
    vk::raii::CommandBuffers buffers(device_,
                                     vk::CommandBufferAllocateInfo(*commandPool_, vk::CommandBufferLevel::ePrimary, 1));
    const vk::raii::CommandBuffer& cmd = buffers[0];
    cmd.begin(vk::CommandBufferBeginInfo(vk::CommandBufferUsageFlagBits::eOneTimeSubmit));
    record(cmd);
    cmd.end();
    const vk::raii::Fence fence(device_, vk::FenceCreateInfo());
    const vk::CommandBuffer handle = *cmd;
    queue_.submit(vk::SubmitInfo({}, {}, handle), *fence);
    if (device_.waitForFences(*fence, VK_TRUE, UINT64_MAX) != vk::Result::eSuccess)
        throw RenderError("waiting for the GPU failed");
}

vk::SampleCountFlagBits Context::supportedSamples(vk::SampleCountFlagBits wanted) const {
    const vk::PhysicalDeviceLimits limits = physical_.getProperties().limits;
    const vk::SampleCountFlags both = limits.framebufferColorSampleCounts & limits.framebufferDepthSampleCounts;
    for (vk::SampleCountFlagBits s : {vk::SampleCountFlagBits::e8, vk::SampleCountFlagBits::e4,
                                      vk::SampleCountFlagBits::e2, vk::SampleCountFlagBits::e1})
        if (static_cast<std::uint32_t>(s) <= static_cast<std::uint32_t>(wanted) && (both & s)) return s;
    return vk::SampleCountFlagBits::e1;
}

}  // namespace pinpoint::render
