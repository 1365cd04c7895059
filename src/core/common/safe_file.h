#pragma once
// Replacing a file so that no reader, crash or power cut ever finds half of it: the new bytes go to a
// temporary file beside it (the same folder, so the same file system), are flushed to the disk, and
// the temporary is renamed over the file; then the folder is flushed, so that the rename is kept too.
// Until the rename the old file stands whole; after it, the new one.
#include "core/common/error.h"

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace pinpoint::core {

// A new version of a file, written and flushed beside it but not yet in its place. commit() puts it
// there; a replacement never committed removes its temporary file when it goes.
class FileReplacement {
public:
    // `write` streams the contents (false, or a failed stream, abandons the replacement). `mode`: the
    // permissions of a file that does not exist yet (0644; 0600 for a file holding secrets).
    static Result<FileReplacement> write(const std::string& path, const std::function<bool(std::ostream&)>& write,
                                         mode_t mode = 0644);
    static Result<FileReplacement> write(const std::string& path, std::string_view bytes, mode_t mode = 0644);

    FileReplacement(FileReplacement&& other) noexcept;
    FileReplacement& operator=(FileReplacement&&) = delete;
    FileReplacement(const FileReplacement&) = delete;
    ~FileReplacement();

    const std::string& temporaryPath() const { return temporary_; }
    Result<bool> commit();

private:
    FileReplacement(std::string path, std::string temporary) : path_(std::move(path)), temporary_(std::move(temporary)) {}
    std::string path_, temporary_;
};

// write, then commit: the file replaced whole, or left as it was with an error that says why.
Result<bool> replaceFile(const std::string& path, std::string_view bytes, mode_t mode = 0644);

}  // namespace pinpoint::core
