#pragma once
// Explicit, portable pseudo-random numbers: splitmix64 for seeding and xoshiro256++ for
// streams. Every entity (a user, a movie, a block) draws from its own stream derived from
// (seed, stream kind, index), so output never depends on thread scheduling or on the C++
// standard library's distributions (which differ between implementations).
#include <cstdint>

namespace mlgen {

inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// A stateless 64-bit mix, for hashing (user, movie) style keys to decide stable traits.
inline uint64_t mix64(uint64_t a, uint64_t b = 0) {
  uint64_t s = a * 0xD6E8FEB86659FD93ull + b;
  return splitmix64(s);
}

// Stream kinds: distinct constants keep the streams of different generators independent.
enum class Stream : uint64_t {
  Catalog = 1,
  Movie = 2,
  User = 3,
  Ratings = 4,
  Tags = 5,
  Genome = 6,
  Batch = 7,
  BatchTags = 8,
  Calendar = 9,
  Vocabulary = 10,
};

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t s = seed;
    for (auto& word : state_) word = splitmix64(s);
  }
  static Rng for_stream(uint64_t seed, Stream stream, uint64_t index) {
    return Rng(mix64(mix64(seed, static_cast<uint64_t>(stream)), index));
  }

  uint64_t next() {
    const uint64_t result = rotl(state_[0] + state_[3], 23) + state_[0];
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 bits of precision.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n) (Lemire's multiply-high; the tiny bias is irrelevant here).
  uint64_t below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
  int64_t between(int64_t lo, int64_t hi) {  // inclusive
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1)));
  }

  bool chance(double p) { return uniform() < p; }

  // Approximately standard normal: Irwin-Hall sum of four 16-bit uniforms, rescaled.
  // Cheap (one draw) and plenty for rating noise; tails are bounded at about ±3.5.
  double normal() {
    const uint64_t r = next();
    const double sum = static_cast<double>((r & 0xFFFF) + ((r >> 16) & 0xFFFF) +
                                           ((r >> 32) & 0xFFFF) + (r >> 48));
    return (sum * (1.0 / 65536.0) - 2.0) * 1.7320508075688772;
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

}  // namespace mlgen
