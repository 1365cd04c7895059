#include "core/common/safe_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace pinpoint::core {

namespace {

std::string uniqueTemporary(const std::string& path) {
    static std::atomic<unsigned> counter{0};
    return path + ".tmp-" + std::to_string(static_cast<long>(::getpid())) + "-" + std::to_string(counter++);
}

Error failure(const std::string& path, const std::string& what, int error) {
    return Error{path, 0, 0, what + ": " + std::strerror(error), "check that the folder exists, is writable and has room"};
}

// Flushes a file or folder to the disk (fsync works on a descriptor opened only for reading).
bool flushToDisk(const std::string& path, int flags) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | flags);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    return ::close(fd) == 0 && ok;
}

}  // namespace

Result<FileReplacement> FileReplacement::write(const std::string& path, const std::function<bool(std::ostream&)>& write,
                                               mode_t mode) {
    const std::string temporary = uniqueTemporary(path);
    // Created with its permissions from the start, so a secret is never readable by others, even briefly.
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) return failure(path, "cannot write a new version", errno);
    ::close(fd);
    FileReplacement replacement(path, temporary);
    bool written = false;
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        written = out && write(out) && out.flush();
    }
    if (!written) return failure(path, "cannot write a new version", errno ? errno : EIO);
    if (!flushToDisk(temporary, 0)) return failure(path, "cannot flush the new version to the disk", errno);
    return replacement;
}

Result<FileReplacement> FileReplacement::write(const std::string& path, std::string_view bytes, mode_t mode) {
    return write(path, [&](std::ostream& out) { return static_cast<bool>(out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))); },
                 mode);
}

FileReplacement::FileReplacement(FileReplacement&& other) noexcept
    : path_(std::move(other.path_)), temporary_(std::move(other.temporary_)) {
    other.temporary_.clear();
}

FileReplacement::~FileReplacement() {
    if (!temporary_.empty()) std::remove(temporary_.c_str());
}

Result<bool> FileReplacement::commit() {
    if (temporary_.empty()) return Error{path_, 0, 0, "this new version was put in place already", ""};
    if (std::rename(temporary_.c_str(), path_.c_str()) != 0) return failure(path_, "cannot put the new version in place", errno);
    temporary_.clear();
    const std::string folder = std::filesystem::path(path_).parent_path().string();
    if (!flushToDisk(folder.empty() ? "." : folder, O_DIRECTORY))
        return failure(path_, "the new version is in place, but its folder could not be flushed to the disk", errno);
    return true;
}

Result<bool> replaceFile(const std::string& path, std::string_view bytes, mode_t mode) {
    Result<FileReplacement> replacement = FileReplacement::write(path, bytes, mode);
    if (!replacement) return replacement.error();
    return replacement->commit();
}

}  // namespace pinpoint::core
