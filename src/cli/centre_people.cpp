// `pinpoint centre add-person LOGIN --role ROLE [--cohort C] [--name NAME] [--db WHERE]` and
// `pinpoint centre set-password LOGIN [--db WHERE]`: people who log in to the centre's web dashboard.
// The password comes from PINPOINT_PASSWORD when set (for scripts; it stays out of the process list),
// else one line of standard input, not echoed when that is a terminal. Only its Argon2id hash is kept.
#include "centre/people.h"
#include "cli/centre_people.h"

#include <termios.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <iostream>

namespace pinpoint::cli {

namespace {

struct PersonOptions {
    std::string login, role, cohort, name, db;
};

// Logins appear in the dashboard's addresses and in session headers: letters, digits and . _ @ -.
bool goodLogin(const std::string& login) {
    if (login.empty() || login.size() > 64 || !std::isalnum(static_cast<unsigned char>(login[0]))) return false;
    for (const unsigned char c : login)
        if (!std::isalnum(c) && c != '.' && c != '_' && c != '-' && c != '@') return false;
    return true;
}

std::string readLineQuietly(const std::string& prompt) {
    const bool terminal = ::isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        std::cerr << prompt << std::flush;
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::cerr << "\n";
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// The password's hash, or "" after a message.
std::string passwordHash(const std::string& command, const std::string& login) {
    std::string password;
    if (const char* given = std::getenv("PINPOINT_PASSWORD")) {
        password = given;
    } else {
        password = readLineQuietly("Password for " + login + ": ");
        if (::isatty(STDIN_FILENO) && readLineQuietly("Again: ") != password) {
            std::cerr << "pinpoint centre " << command << ": the two passwords differ; nothing changed\n";
            return "";
        }
    }
    centre::Result<std::string> hash = centre::hashPassword(password);
    if (!hash) std::cerr << "pinpoint centre " << command << ": " << hash.error().message << "; nothing changed\n";
    return hash ? *hash : "";
}

int addPerson(const PersonOptions& o) {
    if (!goodLogin(o.login)) {
        std::cerr << "pinpoint centre add-person: '" << o.login << "' is not a login: 1 to 64 letters, digits, '.', '_', "
                     "'-' or '@', starting with a letter or digit (a trainee's login is the name their sessions carry)\n";
        return kExitBadInput;
    }
    const std::optional<centre::Role> role = centre::roleFromName(o.role);
    if (!role) {
        std::cerr << "pinpoint centre add-person: --role " << o.role << ": one of trainee, instructor, assessor, admin\n";
        return kExitBadInput;
    }
    if (o.cohort.size() > 100 || o.name.size() > 200) {
        std::cerr << "pinpoint centre add-person: a cohort has at most 100 characters and a name 200\n";
        return kExitBadInput;
    }
    std::unique_ptr<centre::Store> store = openCentreStore(o.db);
    if (!store) return kExitBadInput;
    // Checked before asking for a password, so nobody types one for nothing.
    centre::Result<std::optional<centre::Person>> existing = store->findPerson(o.login);
    if (existing && *existing) {
        std::cerr << "pinpoint centre add-person: the login '" << o.login << "' is taken\n";
        return kExitBadInput;
    }
    const std::string hash = passwordHash("add-person", o.login);
    if (hash.empty()) return kExitBadInput;
    centre::Person person;
    person.login = o.login;
    person.displayName = o.name.empty() ? o.login : o.name;
    person.role = *role;
    person.passwordHash = hash;
    person.cohort = o.cohort;
    centre::Result<centre::Person> added = store->addPerson(person);
    if (!added) {
        std::cerr << "pinpoint centre add-person: " << added.error().describe() << "\n";
        return added.error().problem == centre::Problem::Database ? 1 : kExitBadInput;
    }
    std::cerr << "pinpoint centre: " << centre::roleName(*role) << " '" << o.login << "' added"
              << (o.cohort.empty() ? std::string() : " to cohort '" + o.cohort + "'") << "\n";
    return kExitOk;
}

int setPassword(const PersonOptions& o) {
    std::unique_ptr<centre::Store> store = openCentreStore(o.db);
    if (!store) return kExitBadInput;
    centre::Result<std::optional<centre::Person>> existing = store->findPerson(o.login);
    if (!existing || !*existing) {
        std::cerr << "pinpoint centre set-password: no person with the login '" << o.login << "'\n";
        return kExitBadInput;
    }
    const std::string hash = passwordHash("set-password", o.login);
    if (hash.empty()) return kExitBadInput;
    if (centre::Result<centre::Done> done = store->setPassword(o.login, hash); !done) {
        std::cerr << "pinpoint centre set-password: " << done.error().describe() << "\n";
        return 1;
    }
    std::cerr << "pinpoint centre: the password of '" << o.login << "' is changed; they are logged out everywhere\n";
    return kExitOk;
}

// `disable-person` / `enable-person`.
int setDisabled(const PersonOptions& o, bool disabled) {
    const char* command = disabled ? "disable-person" : "enable-person";
    std::unique_ptr<centre::Store> store = openCentreStore(o.db);
    if (!store) return kExitBadInput;
    if (centre::Result<centre::Done> done = store->setDisabled(o.login, disabled); !done) {
        std::cerr << "pinpoint centre " << command << ": " << done.error().describe() << "\n";
        return done.error().problem == centre::Problem::NotFound ? kExitBadInput : 1;
    }
    std::cerr << "pinpoint centre: '" << o.login << "' is "
              << (disabled ? "disabled: their logins have ended, and neither the dashboard nor the API lets them in\n"
                           : "enabled again: they can log in with their password\n");
    return kExitOk;
}

}  // namespace

Runner addCentrePeopleCommands(CLI::App& centre, const std::string& dbHelp) {
    auto o = std::make_shared<PersonOptions>();
    CLI::App* add = centre.add_subcommand("add-person", "Add a person who logs in to the web dashboard "
                                                        "(password from PINPOINT_PASSWORD or standard input)");
    add->add_option("login", o->login, "Their login (a trainee's is the name their sessions carry)")->required();
    add->add_option("--role", o->role, "trainee, instructor, assessor or admin")->required();
    add->add_option("--cohort", o->cohort, "Their cohort (staff see their cohort's trainees)");
    add->add_option("--name", o->name, "The name the dashboard shows (default: the login)");
    add->add_option("--db", o->db, dbHelp);
    CLI::App* set = centre.add_subcommand("set-password", "Change a person's password (they are logged out everywhere)");
    set->add_option("login", o->login, "Their login")->required();
    set->add_option("--db", o->db, dbHelp);
    CLI::App* disable = centre.add_subcommand("disable-person", "Disable a person's login: their logins end, and "
                                                                "neither the dashboard nor the API lets them in");
    disable->add_option("login", o->login, "Their login")->required();
    disable->add_option("--db", o->db, dbHelp);
    CLI::App* enable = centre.add_subcommand("enable-person", "Let a disabled person log in again");
    enable->add_option("login", o->login, "Their login")->required();
    enable->add_option("--db", o->db, dbHelp);
    return [o, add, set, disable, enable]() {
        if (add->parsed()) return addPerson(*o);
        if (set->parsed()) return setPassword(*o);
        if (disable->parsed()) return setDisabled(*o, true);
        if (enable->parsed()) return setDisabled(*o, false);
        return -1;
    };
}

}  // namespace pinpoint::cli
