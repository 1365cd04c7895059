#pragma once
// What the benchmarks share: the head, the devices, the rubric and the structures built from them,
// loaded once; and a way to stop with the located error when a data file is bad.
#include "core/coverage/density_field.h"
#include "core/scoring/rubric.h"
#include "core/sim/treatment_simulation.h"
#include "core/tools/tool_catalogue.h"
#include "io/density_cache.h"
#include "io/head_loader.h"
#include "io/paths.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace pinpoint::bench {

template <class T>
T orDie(core::Result<T> r) {
    if (!r) {
        std::fprintf(stderr, "%s\n", r.error().describe().c_str());
        std::exit(2);
    }
    return std::move(*r);
}

struct TreatmentWorld {
    core::Head head;
    core::ToolCatalogue tools;
    core::Rubric rubric;
    std::unique_ptr<core::TreatmentSurface> surface;  // refers to head: the world never moves
    core::DensityField density;
};

// Loaded on first use (through the benchmarks' own head cache folder).
inline const TreatmentWorld& treatmentWorld() {
    static const std::unique_ptr<TreatmentWorld> w = [] {
        auto s = std::make_unique<TreatmentWorld>();
        io::HeadLoadOptions options;
        options.cacheDir = "pinpoint-bench-cache";
        s->head = orDie(io::loadHead(options));
        s->tools = orDie(core::readToolCatalogue(io::assetDir() + "/tools.toml"));
        s->rubric = orDie(core::readRubric(io::assetDir() + "/rubric.toml"));
        s->surface = std::make_unique<core::TreatmentSurface>(s->head);
        s->density = io::loadMeasurementField(s->head, s->surface->adjacency, s->rubric, options.cacheDir);
        return s;
    }();
    return *w;
}

// A benchmark's own world starts from the shared one: the same names, by reference.
struct TreatmentWorldView {
    explicit TreatmentWorldView(const TreatmentWorld& w)
        : head(w.head), tools(w.tools), rubric(w.rubric), surface(w.surface), density(w.density) {}
    const core::Head& head;
    const core::ToolCatalogue& tools;
    const core::Rubric& rubric;
    const std::unique_ptr<core::TreatmentSurface>& surface;
    const core::DensityField& density;
};

}  // namespace pinpoint::bench
