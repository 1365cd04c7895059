#include "app/review_sign_in.h"

#include "app/orbit_camera.h"
#include "render/scene_builder.h"

#include <algorithm>
#include <cstdio>
#include <iterator>

namespace pinpoint::app {

namespace {

void reportPosition(TestHooks& hooks, const std::string& id) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    hooks.position("button", id, 0.5f * (a.x + b.x), 0.5f * (a.y + b.y));
}

}  // namespace

std::optional<SignInAnswer> askSignIn(AppWindow& window, WindowGraphics& graphics, const core::Head& head,
                                      const core::TreatmentSurface& surface, const std::string& message,
                                      const std::string& login, TestHooks& hooks) {
    char user[256] = {}, password[1100] = {};
    std::snprintf(user, sizeof user, "%s", login.c_str());
    const render::SceneBuilder sceneBuilder(head, surface);
    const core::Bounds bounds = core::meshBounds(head.mesh());
    hooks.screen("signin");
    hooks.line("signin " + message);
    bool focusFirst = true;
    for (;;) {
        window.pollEvents();
        if (window.shouldClose()) return std::nullopt;
        const vk::Extent2D size = window.framebufferSize();
        if (size.width == 0 || size.height == 0) {
            glfwWaitEventsTimeout(0.1);
            continue;
        }
        graphics.ui->newFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        const ImGuiIO& io = ImGui::GetIO();
        ImGui::SetNextWindowPos(ImVec2(0.5f * io.DisplaySize.x, 0.5f * io.DisplaySize.y), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
        ImGui::SetNextWindowSize(ImVec2(460.0f, 0.0f));
        ImGui::Begin("Sign in to the training centre", nullptr,
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
        ImGui::TextWrapped("%s", message.c_str());
        ImGui::Spacing();
        ImGui::Text("Login");
        ImGui::SetNextItemWidth(-1.0f);
        if (focusFirst) ImGui::SetKeyboardFocusHere();
        ImGui::InputText("##login", user, sizeof user);
        reportPosition(hooks, "signin_user");
        ImGui::Text("Password");
        ImGui::SetNextItemWidth(-1.0f);
        if (focusFirst && user[0] != '\0') ImGui::SetKeyboardFocusHere();
        focusFirst = false;
        const bool entered =
            ImGui::InputText("##password", password, sizeof password, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
        reportPosition(hooks, "signin_password");
        const bool ok = ImGui::Button("Sign in", ImVec2(140.0f, 0.0f));
        reportPosition(hooks, "signin_ok");
        ImGui::SameLine();
        const bool cancel = ImGui::Button("Cancel", ImVec2(140.0f, 0.0f));
        reportPosition(hooks, "signin_cancel");
        ImGui::End();
        ImGui::Render();

        render::SceneInputs frame;
        const OrbitCamera camera = OrbitCamera::facing(bounds, static_cast<float>(size.width) / size.height, 0.95f);
        frame.camera = camera.camera();
        const render::Scene scene = sceneBuilder.build(frame);
        graphics.renderer->drawFrame(scene, size, &*graphics.ui);
        if (cancel) {
            hooks.line("signin cancelled");
            return std::nullopt;
        }
        if ((ok || entered) && user[0] != '\0' && password[0] != '\0') {
            SignInAnswer answer{user, password};
            std::fill(std::begin(password), std::end(password), '\0');
            hooks.line("signin sent");  // the dialog has taken the answer (the app tests wait for this)
            return answer;
        }
    }
}

}  // namespace pinpoint::app
