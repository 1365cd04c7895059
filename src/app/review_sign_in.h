#pragma once
// The review window's sign-in dialog: a login and a password for the training centre, asked in the
// window over the head when `pinpoint review` opens a session from a centre and has neither from its
// options, the environment nor a terminal (started from a browser's pinpoint:// link).
#include "app/app_window.h"
#include "app/test_hooks.h"
#include "app/window_graphics.h"
#include "core/face/head.h"
#include "core/sim/treatment_simulation.h"

#include <optional>
#include <string>

namespace pinpoint::app {

struct SignInAnswer {
    std::string login;
    std::string password;
};

// Shows the dialog until the assessor signs in (the answer) or cancels or closes the window (nullopt).
// `message` says where to and, after a refusal, why; `login` fills the login field. Test hooks: screen
// "signin", buttons signin_user, signin_password, signin_ok, signin_cancel.
std::optional<SignInAnswer> askSignIn(AppWindow& window, WindowGraphics& graphics, const core::Head& head,
                                      const core::TreatmentSurface& surface, const std::string& message,
                                      const std::string& login, TestHooks& hooks);

}  // namespace pinpoint::app
