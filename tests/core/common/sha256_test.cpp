#include "core/common/sha256.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>

using namespace pinpoint::core;

TEST_CASE("SHA-256 matches the FIPS 180-2 test vectors") {
    CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("SHA-256 of a file equals that of its bytes - a missing file has none") {
    const std::string path = "sha256_test_file.bin";
    std::string bytes(200000, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 31 % 251);
    std::ofstream(path, std::ios::binary) << bytes;
    CHECK(sha256HexOfFile(path) == sha256Hex(bytes));
    std::remove(path.c_str());
    CHECK_FALSE(sha256HexOfFile("no/such/file").has_value());
}
