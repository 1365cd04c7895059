#pragma once
// The camera the trainee turns with the right button and zooms with the wheel: it orbits a point in
// the middle of the face. Also turns a mouse position into a ray for picking the skin.
#include "render/scene.h"

#include <glm/vec2.hpp>

namespace pinpoint::app {

struct Ray {
    glm::vec3 origin;
    glm::vec3 direction;  // unit
};

class OrbitCamera {
public:
    // Looking at the middle of the face of a head within `bounds`, from the front, at `distanceScale`
    // times the distance that frames the whole head in a `aspect` picture.
    static OrbitCamera facing(const core::Bounds& bounds, float aspect, float distanceScale);

    OrbitCamera() = default;
    OrbitCamera(glm::vec3 target, float distanceMm, float verticalFovDegrees);

    void orbit(float dxPixels, float dyPixels);  // right-drag
    void zoom(float wheelSteps);                 // wheel: positive moves closer
    // The view keys: the head seen from `yawDeg` (0 front, + toward the patient's left) and a little
    // from above, at the distance and centre it started with.
    void setView(float yawDeg, float pitchDeg = 5.0f);
    // Turns toward `point` and moves closer (the zone under the cursor fills the view).
    void focusOn(glm::vec3 point);
    // Moves the picture `pixels` to the right in a viewport `viewportHeight` high (to centre the head
    // in the space a side panel leaves).
    void setScreenShift(float pixels, float viewportHeight);
    render::Camera camera() const;
    // The ray under pixel `mouse` (top-left origin) of a `size` viewport.
    Ray ray(glm::vec2 mouse, glm::vec2 size) const;
    // Where a model-space point lands on screen (pixels), or a negative x when behind the camera.
    glm::vec2 project(glm::vec3 point, glm::vec2 size) const;

private:
    glm::vec3 target_{0.0f};
    float distance_ = 600.0f;
    glm::vec3 homeTarget_{0.0f};
    float homeDistance_ = 600.0f;
    float yawDeg_ = 0.0f;    // 0: in front of the face (+Z); positive: toward the patient's left
    float pitchDeg_ = 0.0f;  // positive: from above
    float fov_ = 25.0f;
    float shiftPx_ = 0.0f, viewportHeight_ = 720.0f;
    float minDistance_ = 120.0f, maxDistance_ = 1500.0f;
};

}  // namespace pinpoint::app
