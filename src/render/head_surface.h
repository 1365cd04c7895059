#pragma once
// The head as the renderer shows it: its zone colours and a skin tone that varies the way a face
// does (rosier cheeks and nose, red lips, a paler neck). Points into `head`, which must outlive it.
#include "core/face/head.h"
#include "render/scene.h"

namespace pinpoint::render {

HeadSurface headSurface(const core::Head& head);

// The overlay colour of a zone or forbidden area by its name (linear RGB).
glm::vec3 areaColour(std::string_view areaName);

// Per-vertex skin albedo from per-area tones, blended smoothly across area borders except at the
// lip line, which stays sharp.
std::vector<glm::vec3> skinAlbedo(const core::Head& head);

// A made-up density field (punctures per cm2, per vertex) that looks like a treatment in progress:
// the forehead done to about full scale, the left cheek about half, the right cheek and nose begun.
// For demonstrations and tests until sessions provide the real one.
std::vector<float> demoDensity(const core::Head& head, float fullScale);
// The same made-up field at every point of `field` (core::DrawnSamples::density's order), interpolated
// from the vertices' values, so it is drawn as a session's density is.
std::vector<float> demoSampleDensity(const core::SurfaceMesh& mesh, const core::DensityField& field,
                                     const std::vector<float>& vertexDensity);

}  // namespace pinpoint::render
