#pragma once
// Starts another `pinpoint` (this same binary) in a window of its own: the editor's "Try it" (the
// trainee's flow on the case) and the start screen's "Write a new case" (the editor).
#include <string>
#include <vector>

namespace pinpoint::app {

// This binary's path (/proc/self/exe); empty when it cannot be read.
std::string pinpointBinary();
// Runs `binary args...` without waiting for it; false when it could not be started.
bool spawnPinpoint(const std::string& binary, const std::vector<std::string>& args);
// Collects the exit of those started here that have finished (no other child is touched), so none
// is left a zombie; call it now and then (each frame will do).
void reapSpawned();

}  // namespace pinpoint::app
