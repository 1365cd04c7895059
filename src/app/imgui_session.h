#pragma once
// RAII for ImGui's context and its GLFW backend, styled for the app's windows (shared by the
// trainee's simulator and the assessor's review window).
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <imgui.h>

#include <cmath>
#include <filesystem>

namespace pinpoint::app {

// RAII for ImGui's context and its GLFW backend.
struct ImGuiSession {
    explicit ImGuiSession(GLFWwindow* window) {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        const char* font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        if (std::filesystem::exists(font)) io.Fonts->AddFontFromFileTTF(font, 17.0f);
        else io.FontGlobalScale = 1.25f;
        ImGui::StyleColorsDark();
        ImGuiStyle& style = ImGui::GetStyle();
        style.Colors[ImGuiCol_WindowBg].w = 1.0f;  // opaque panels: the tool may pass behind them
        style.WindowRounding = 0.0f;
        style.FramePadding = ImVec2(8, 5);
        style.ItemSpacing = ImVec2(8, 7);
        // The swapchain is sRGB: ImGui's colours are written for a non-sRGB target, so linearise them.
        for (ImVec4& c : style.Colors) {
            c.x = std::pow(c.x, 2.2f);
            c.y = std::pow(c.y, 2.2f);
            c.z = std::pow(c.z, 2.2f);
        }
        ImGui_ImplGlfw_InitForVulkan(window, true);
    }
    ~ImGuiSession() {
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    ImGuiSession(const ImGuiSession&) = delete;
    ImGuiSession& operator=(const ImGuiSession&) = delete;
};

}  // namespace pinpoint::app
