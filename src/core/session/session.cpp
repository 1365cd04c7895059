#include "core/session/session.h"

namespace pinpoint::core {

double eventTime(const SessionEvent& e) {
    return std::visit([](const auto& event) { return event.t; }, e);
}

}  // namespace pinpoint::core
