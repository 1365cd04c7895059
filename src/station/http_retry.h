#pragma once
// Requests to another server that may be busy or briefly away (the training centre, a learning record
// store): a URL split as cpp-httplib wants it, and a request retried with a growing wait.
#include <httplib.h>

#include <functional>
#include <optional>
#include <string>

namespace pinpoint::station {

// "https://host:port" and the path under it without a trailing slash ("" for none), for a server
// that may be served under a path behind a proxy: https://academy.example/pinpoint.
struct HttpTarget {
    std::string origin;
    std::string prefix;
};
// nullopt unless `url` starts http:// or https:// and names a host.
std::optional<HttpTarget> httpTarget(const std::string& url);

// The answer to `call`, retried after 0.2, 0.4, 0.8 ... (at most 5) seconds while there is none or the
// server says it is busy (502, 503, 504); nullopt when it stays so after `retries` retries, with the
// last failure in `problem`. Told to slow down (429), it waits as long as Retry-After says (1 s when it
// does not say) without counting a failure, up to a minute in all.
std::optional<httplib::Response> requestWithRetries(const std::function<httplib::Result()>& call, int retries,
                                                    std::string& problem);

}  // namespace pinpoint::station
