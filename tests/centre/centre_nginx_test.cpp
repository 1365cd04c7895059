// The shipped nginx site (packaging/pinpoint-centre.nginx, docs/centre.md "TLS through a reverse
// proxy") in front of the real `pinpoint centre serve --trusted-proxy 127.0.0.1`, with Debian's nginx
// run as this user from a temporary folder. The site file is the shipped one, with only what a centre
// sets for itself put in: its ports, and a self-signed certificate for 127.0.0.1. Through it: the health
// check, a login through the web form, a station's upload (`pinpoint upload` over https), and password
// guessing from one client address that leaves another client's login alone (the centre sees each
// client's own address, not the proxy's).
#include "raw_client.h"
#include "web_test_support.h"

#include <openssl/ssl.h>
#include <signal.h>
#include <sys/wait.h>

#include <fstream>
#include <thread>

using namespace centre_test;

namespace {

std::string slurpFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// `from` replaced by `to`, where the shipped site must have it exactly once.
void replaceOnce(std::string& text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "the shipped nginx site no longer has '" << from << "'");
    REQUIRE_MESSAGE(text.find(from, at + 1) == std::string::npos, "the shipped nginx site has '" << from << "' twice");
    text.replace(at, from.size(), to);
}

int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &size);
    ::close(fd);
    return ntohs(a.sin_port);
}

// Debian's nginx serving the shipped site on 127.0.0.1:port() (https) in front of the centre.
class Nginx {
public:
    Nginx(const Folder& f, int centrePort) : dir_(f.path("nginx")), port_(freePort()) {
        std::filesystem::create_directories(dir_);
        cert_ = dir_ + "/cert.pem";
        const std::string key = dir_ + "/key.pem";
        REQUIRE_MESSAGE(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext "
                                     "subjectAltName=IP:127.0.0.1 -keyout " + key + " -out " + cert_ + " 2>/dev/null").c_str()) == 0,
                        "openssl (scripts/setup installs it) could not make a test certificate");
        std::string site = slurpFile(std::string(PINPOINT_SOURCE_DIR) + "/packaging/pinpoint-centre.nginx");
        replaceOnce(site, "listen 443 ssl;", "listen 127.0.0.1:" + std::to_string(port_) + " ssl;");
        replaceOnce(site, "listen 80;", "listen 127.0.0.1:" + std::to_string(freePort()) + ";");
        replaceOnce(site, "/etc/letsencrypt/live/centre.academy.example/fullchain.pem", cert_);
        replaceOnce(site, "/etc/letsencrypt/live/centre.academy.example/privkey.pem", key);
        replaceOnce(site, "proxy_pass http://127.0.0.1:8750;", "proxy_pass http://127.0.0.1:" + std::to_string(centrePort) + ";");
        std::ofstream(dir_ + "/pinpoint-centre") << site;
        std::string temp;
        for (const char* kind : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
            temp += std::string("  ") + kind + "_temp_path " + dir_ + "/" + kind + ";\n";
        std::ofstream(dir_ + "/nginx.conf")
            << (::geteuid() == 0 ? "user root root;\n" : "") << "worker_processes 1;\npid " << dir_ << "/nginx.pid;\n"
            << "error_log " << dir_ << "/error.log;\nevents { worker_connections 512; }\n"
            << "http {\n  access_log " << dir_ << "/access.log;\n" << temp << "  include " << dir_ << "/pinpoint-centre;\n}\n";
        pid_ = ::fork();
        if (pid_ == 0) {
            const std::string conf = dir_ + "/nginx.conf", log = dir_ + "/error.log";
            std::freopen((dir_ + "/nginx.out").c_str(), "w", stderr);
            ::execlp("nginx", "nginx", "-p", dir_.c_str(), "-c", conf.c_str(), "-e", log.c_str(), "-g", "daemon off;",
                     static_cast<char*>(nullptr));
            std::_Exit(127);
        }
        // Ready once it takes connections (or gone, with its reason in the log).
        for (int tries = 0; tries < 400; ++tries) {
            int status = 0;
            REQUIRE_MESSAGE(::waitpid(pid_, &status, WNOHANG) == 0,
                            "nginx (scripts/setup installs nginx-light) did not start: " << slurpFile(dir_ + "/nginx.out")
                                                                                          << slurpFile(dir_ + "/error.log"));
            const int fd = connectFrom("127.0.0.1", port_);
            if (fd >= 0) {
                ::close(fd);
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        FAIL("nginx did not listen on its port: " << slurpFile(dir_ + "/error.log"));
    }
    ~Nginx() {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
    std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
    int port() const { return port_; }
    const std::string& certificate() const { return cert_; }

private:
    std::string dir_, cert_;
    int port_;
    pid_t pid_ = -1;
};

// One request over TLS on a connection of its own from `from`; the whole response ("" when none came).
std::string tlsRequestFrom(const std::string& from, int port, const std::string& request) {
    const int fd = connectFrom(from, port);
    if (fd < 0) return "";
    timeval guard{kHangGuardMs / 1000, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &guard, sizeof guard);
    SSL_CTX* context = SSL_CTX_new(TLS_client_method());
    SSL* tls = SSL_new(context);
    SSL_set_fd(tls, fd);
    std::string response;
    if (SSL_connect(tls) == 1 && SSL_write(tls, request.data(), static_cast<int>(request.size())) > 0) {
        char buffer[4096];
        for (int n; (n = SSL_read(tls, buffer, sizeof buffer)) > 0;) response.append(buffer, static_cast<std::size_t>(n));
    }
    SSL_free(tls);
    SSL_CTX_free(context);
    ::close(fd);
    return response;
}

std::string basicAuth(const std::string& login, const std::string& password) {
    const std::string plain = login + ":" + password;
    std::string encoded(4 * ((plain.size() + 2) / 3) + 1, '\0');
    encoded.resize(static_cast<std::size_t>(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                                            reinterpret_cast<const unsigned char*>(plain.data()),
                                                            static_cast<int>(plain.size()))));
    return encoded;
}

// A person's API request (HTTP Basic) for a session's file through the proxy, from `from`: its status.
int sessionFileAs(const Nginx& nginx, const std::string& from, const std::string& session, const std::string& password) {
    return statusOf(tlsRequestFrom(from, nginx.port(),
                                   "GET /api/v1/sessions/" + session + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " +
                                       basicAuth("root", password) + "\r\nConnection: close\r\n\r\n"));
}

}  // namespace

TEST_CASE("the shipped nginx site in front of the centre: health, the login form, an upload, each client's own address") {
    TestDatabase db;
    Folder f;
    const SeededCentre seeded = seedCentre(db);
    const std::string token = addStation(db.where(), "station-1");
    CentreProcess centre(db.where(), f.path("keys"), 0, {"--trusted-proxy", "127.0.0.1"});
    Nginx nginx(f, centre.port());

    const std::string health = tlsRequestFrom("127.0.0.1", nginx.port(), "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    CHECK(statusOf(health) == 200);
    CHECK(has(health, R"("status":"ok")"));

    // A station uploads through it over https, trusting the proxy's certificate.
    const auto session = store_test::makeSession("trainee-proxied", "default", 400);
    const std::string file = sessionFile(f, session);
    ::setenv("SSL_CERT_FILE", nginx.certificate().c_str(), 1);
    const Run uploaded = runPinpoint("upload " + file + " --centre " + nginx.url() + " --token " + token);
    ::unsetenv("SSL_CERT_FILE");
    REQUIRE_MESSAGE(uploaded.exitCode == 0, uploaded.err);
    CHECK(storedLines(db, session.key) == session.lines);

    // Someone guesses root's password from 127.0.0.2: that address is made to wait...
    const std::string anna = seeded.sessionOf.at("anna");
    for (int i = 0; i < 5; ++i) CHECK(sessionFileAs(nginx, "127.0.0.2", anna, "wrong guess") == 401);
    CHECK(sessionFileAs(nginx, "127.0.0.2", anna, kPassword) == 429);
    // ... while root, at 127.0.0.1, still gets in through the API and through the web form, whose
    // Origin (with the proxy's port) the centre recognises as its own.
    CHECK(sessionFileAs(nginx, "127.0.0.1", anna, kPassword) == 200);
    Browser browser(nginx.url(), nginx.certificate());
    const httplib::Result login = browser.login("root", kPassword, {{"Origin", nginx.url()}});
    REQUIRE(login);
    CHECK_MESSAGE(login->status == 303, login->body);
    const httplib::Result home = browser.get("/");
    REQUIRE(home);
    CHECK(home->status == 200);
    CHECK(has(home->body, "Rita Root"));
    CHECK(has(login->get_header_value("Set-Cookie"), "Secure"));  // the proxy said https (X-Forwarded-Proto)
}
