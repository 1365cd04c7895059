#pragma once
// An ImGui context with its fonts and a display of the given size, nothing hovered: the interface
// for tests of what the window draws over the head. No window or GPU needed.
#include <imgui.h>

namespace pinpoint::testing {

struct TestInterface {
    TestInterface(float width, float height) {
        context = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = ImVec2(-1000, -1000);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~TestInterface() { ImGui::DestroyContext(context); }
    TestInterface(const TestInterface&) = delete;
    TestInterface& operator=(const TestInterface&) = delete;
    ImGuiContext* context;
};

}  // namespace pinpoint::testing
