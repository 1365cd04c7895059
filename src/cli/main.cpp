// pinpoint: the microneedling training simulator and its tools. See README.md.
#include "cli/commands.h"

#include <malloc.h>

#include <iostream>
#include <map>

namespace {

// lavapipe allocates and frees several megabytes of vertex and bin data every frame. With glibc's
// defaults those go back to the kernel each time and come back as fresh zeroed pages, which cost
// 3-5 ms a frame on two cores (measured with `pinpoint render --bench`). Keep them in the heap.
void keepFrameMemoryInTheHeap() {
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

}  // namespace

int main(int argc, char** argv) {
    keepFrameMemoryInTheHeap();
    using namespace pinpoint::cli;
    CLI::App app{"Pinpoint: microneedling (collagen induction therapy) training simulator.\n"
                 "Without a subcommand it starts the simulator on the default scenario."};
    app.set_version_flag("--version", std::string("pinpoint ") + PINPOINT_VERSION);
    app.require_subcommand(0, 1);

    const Runner start = addStartCommand(app);  // options on the main app itself
    std::map<std::string, Runner> subcommands;
    subcommands["model"] = addModelCommand(app);
    subcommands["score"] = addScoreCommand(app);
    subcommands["demo"] = addDemoCommand(app);
    subcommands["validate"] = addValidateCommand(app);
    subcommands["render"] = addRenderCommand(app);
    subcommands["verify"] = addVerifyCommand(app);
    subcommands["key"] = addKeyCommand(app);
    subcommands["report"] = addReportCommand(app);
    subcommands["review"] = addReviewCommand(app);
    subcommands["edit"] = addEditCommand(app);
    subcommands["xapi"] = addXapiCommand(app);
    subcommands["centre"] = addCentreCommand(app);
    subcommands["upload"] = addUploadCommand(app);
    subcommands["upload-review"] = addUploadReviewCommand(app);
    subcommands["scenarios"] = addScenariosCommand(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitBadInput;
    }
    try {
        for (const CLI::App* sub : app.get_subcommands()) return subcommands.at(sub->get_name())();
        return start();
    } catch (const std::exception& e) {  // a defect, not bad input; still no crash
        std::cerr << "pinpoint: internal error: " << e.what() << "\n";
        return 1;
    }
}
