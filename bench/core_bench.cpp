// Native benchmark of the core (not a test): validate a 5-question definition and build its
// first view; build a complete payload and validate it. Prints the median of many runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pepite/comments.hpp"
#include "pepite/engine.hpp"
#include "pepite/payload.hpp"

namespace {

template <class F>
double median_us(int runs, F&& f) {
  std::vector<double> t;
  t.reserve(runs);
  for (int i = 0; i < runs; ++i) {
    auto a = std::chrono::steady_clock::now();
    f();
    auto b = std::chrono::steady_clock::now();
    t.push_back(std::chrono::duration<double, std::micro>(b - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

constexpr const char* kOptions =
    R"({"locale":"fr-CA","responseId":"0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d",)"
    R"("startedAt":1764100000000,"pageUrl":"https://shop.example/merci",)"
    R"("properties":{"orderId":"A-10023"}})";

}  // namespace

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : "bench/five-questions.json";
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "core_bench: cannot read %s\n", path);
    return 2;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string definition = buffer.str();
  std::size_t sink = 0;

  double start_us = median_us(2000, [&] {
    pepite::session s(definition, kOptions);
    sink += s.view().size();
  });

  pepite::session s(definition, kOptions);
  s.act(R"({"type":"answer","question":"nps","value":3,"at":1764100002000})");
  s.act(
      R"({"type":"answer","question":"wrong","value":["late","other"],"otherText":"carton ouvert","at":1764100004000})");
  s.act(
      R"({"type":"answer","question":"comment","value":"Colis arrivé abîmé, personne au service client.","at":1764100009000})");
  // The shell's part: pepite-text.wasm analyses what the view asks, the result goes back.
  const auto asked = nlohmann::json::parse(s.view())["analysis"];
  const auto request = pepite::parse_comment_request(asked.dump());
  s.act(nlohmann::json{{"type", "analysis"},
                       {"id", asked["id"]},
                       {"result", nlohmann::json::parse(pepite::comment_result_json(
                                      pepite::analyse_comments(*request)))}}
            .dump());
  s.act(R"({"type":"submit","at":1764100010000})");
  const std::string payload = s.payload();
  double payload_us = median_us(2000, [&] {
    sink += s.payload().size();
    sink += pepite::validate_payload_json(s.payload(), definition).size();
  });

  std::printf("native: validate definition + first view: %.1f us (median of 2000)\n", start_us);
  std::printf("native: build + validate complete payload: %.1f us (median of 2000)\n", payload_us);
  std::printf("native: payload bytes %zu (sink %zu)\n", payload.size(), sink);
  return 0;
}
