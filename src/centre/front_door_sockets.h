#pragma once
// The socket calls of the centre's front door (front_door.cpp), all non-blocking.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pinpoint::centre {

enum class ReadResult { More, Ended, Failed };  // More: nothing more for now (or `limit` reached), still open

// Reads what has arrived into `into`, up to `limit` bytes in all.
ReadResult readAvailable(int fd, std::string& into, std::size_t limit);
// Reads what has arrived and drops it.
ReadResult discardAvailable(int fd);
// Sends what the socket takes at once (a few bytes to an empty socket buffer: all of them).
void sendSome(int fd, std::string_view bytes);

// A waiting connection, non-blocking, and the client's address (IPv4 as a.b.c.d, also when mapped
// into IPv6); -1 with errno set when there is none.
int acceptClient(int listening, std::string& address);
// A non-blocking connection (maybe still being made) to 127.0.0.1:`port`; -1 when none can be opened.
int connectToRoutes(int port);
// A listening socket on `host`:`port` into `fd`: the port bound, or nullopt with `why` set.
std::optional<int> listenOn(const std::string& host, int port, int& fd, std::string& why);

// Raises the process's limit of open files as far as it may, and gives how many connections fit in
// it (each open request takes up to three: the client's, and both ends of its way to the routes).
std::size_t openFilesAllowingConnections(std::size_t wanted);

}  // namespace pinpoint::centre
