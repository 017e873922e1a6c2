#include "tag_vocabulary.h"

#include <algorithm>
#include <set>

namespace mlgen {
namespace {

constexpr GenreMask G(Genre a) { return genre_bit(a); }
constexpr GenreMask G(Genre a, Genre b) { return genre_bit(a) | genre_bit(b); }
constexpr GenreMask G(Genre a, Genre b, Genre c) { return genre_bit(a) | genre_bit(b) | genre_bit(c); }

constexpr TagWord kTags[] = {
    {"atmospheric", G(kDrama, kThriller, kMystery)}, {"twist ending", G(kThriller, kMystery)},
    {"dark comedy", G(kComedy, kCrime)}, {"funny", G(kComedy)}, {"sci-fi", G(kSciFi)},
    {"based on a book", G(kDrama, kRomance)}, {"thought-provoking", G(kDrama, kSciFi)},
    {"visually appealing", G(kAnimation, kFantasy, kSciFi)}, {"surreal", G(kFantasy, kDrama)},
    {"psychology", G(kThriller, kDrama)}, {"action", G(kAction)}, {"comedy", G(kComedy)},
    {"classic", 0}, {"quirky", G(kComedy)}, {"dystopia", G(kSciFi)},
    {"stylized", G(kCrime, kAction)}, {"cinematography", G(kDrama)}, {"great soundtrack", 0},
    {"violence", G(kAction, kCrime, kThriller)}, {"romance", G(kRomance)},
    {"nonlinear", G(kThriller, kMystery)}, {"philosophical", G(kDrama, kSciFi)},
    {"Oscar (Best Picture)", G(kDrama)}, {"disturbing", G(kHorror, kThriller)},
    {"social commentary", G(kDrama, kDocumentary)}, {"mindfuck", G(kThriller, kSciFi)},
    {"space", G(kSciFi)}, {"time travel", G(kSciFi)}, {"magic", G(kFantasy)},
    {"animation", G(kAnimation)}, {"Disney", G(kAnimation, kChildren)}, {"Pixar", G(kAnimation, kChildren)},
    {"superhero", G(kAction, kSciFi)}, {"zombies", G(kHorror)}, {"gore", G(kHorror)},
    {"scary", G(kHorror)}, {"suspense", G(kThriller)}, {"war", G(kWar)}, {"World War II", G(kWar)},
    {"true story", G(kDrama, kDocumentary)}, {"documentary", G(kDocumentary)},
    {"musical", G(kMusical)}, {"western", G(kWestern)}, {"noir", G(kFilmNoir, kCrime)},
    {"film noir", G(kFilmNoir)}, {"heist", G(kCrime, kAction)}, {"mafia", G(kCrime)},
    {"serial killer", G(kThriller, kCrime, kHorror)}, {"aliens", G(kSciFi)},
    {"post-apocalyptic", G(kSciFi, kAction)}, {"artificial intelligence", G(kSciFi)},
    {"robots", G(kSciFi)}, {"high school", G(kComedy)}, {"coming of age", G(kDrama, kComedy)},
    {"family", G(kChildren)}, {"kids", G(kChildren)}, {"cute", G(kChildren, kAnimation)},
    {"friendship", G(kChildren, kDrama)}, {"love story", G(kRomance)}, {"chick flick", G(kRomance, kComedy)},
    {"feel-good", G(kComedy, kRomance)}, {"sad", G(kDrama)}, {"tearjerker", G(kDrama, kRomance)},
    {"beautiful", G(kDrama, kRomance)}, {"boring", 0}, {"overrated", 0}, {"underrated", 0},
    {"predictable", G(kRomance, kComedy)}, {"cliché", G(kAction, kRomance)}, {"cult film", G(kComedy, kHorror)},
    {"satire", G(kComedy)}, {"parody", G(kComedy)}, {"slapstick", G(kComedy)},
    {"witty", G(kComedy)}, {"clever", G(kComedy, kThriller)}, {"intelligent", G(kDrama, kSciFi)},
    {"complex", G(kDrama, kThriller)}, {"mystery", G(kMystery)}, {"detective", G(kMystery, kCrime)},
    {"conspiracy", G(kThriller)}, {"politics", G(kDrama, kDocumentary)}, {"history", G(kDrama, kWar)},
    {"biography", G(kDrama, kDocumentary)}, {"based on a true story", G(kDrama)},
    {"great acting", G(kDrama)}, {"Tom Hanks", G(kDrama, kComedy)}, {"Quentin Tarantino", G(kCrime)},
    {"Christopher Nolan", G(kSciFi, kThriller)}, {"Stanley Kubrick", G(kDrama, kSciFi)},
    {"Alfred Hitchcock", G(kThriller, kMystery)}, {"Studio Ghibli", G(kAnimation, kFantasy)},
    {"anime", G(kAnimation)}, {"Japan", 0}, {"France", G(kDrama, kRomance)}, {"New York City", 0},
    {"Paris", G(kRomance)}, {"London", 0}, {"Hollywood", 0}, {"martial arts", G(kAction)},
    {"kung fu", G(kAction)}, {"car chase", G(kAction)}, {"explosions", G(kAction)},
    {"revenge", G(kAction, kThriller)}, {"betrayal", G(kThriller, kDrama)}, {"prison", G(kDrama, kCrime)},
    {"drugs", G(kCrime, kDrama)}, {"addiction", G(kDrama)}, {"mental illness", G(kDrama, kThriller)},
    {"religion", G(kDrama)}, {"music", G(kMusical)}, {"dance", G(kMusical)}, {"Broadway", G(kMusical)},
    {"fairy tale", G(kFantasy, kChildren)}, {"dragons", G(kFantasy)}, {"epic", G(kAdventure, kWar)},
    {"adventure", G(kAdventure)}, {"treasure hunt", G(kAdventure)}, {"pirates", G(kAdventure)},
    {"vampires", G(kHorror)}, {"supernatural", G(kHorror, kFantasy)}, {"haunted house", G(kHorror)},
    {"slasher", G(kHorror)}, {"psychological thriller", G(kThriller)}, {"claustrophobic", G(kThriller, kHorror)},
    {"tense", G(kThriller)}, {"slow", G(kDrama)}, {"long", G(kDrama)}, {"too long", 0},
    {"visually stunning", G(kSciFi, kFantasy)}, {"IMAX", G(kImax)}, {"3D", G(kImax, kAnimation)},
    {"remake", 0}, {"sequel", G(kAction)}, {"franchise", G(kAction, kAdventure)},
    {"black and white", G(kFilmNoir, kDrama)}, {"silent film", G(kDrama)}, {"1950s", 0},
    {"1980s", 0}, {"nostalgic", 0}, {"melancholy", G(kDrama)}, {"bittersweet", G(kDrama, kRomance)},
    {"whimsical", G(kFantasy, kComedy)}, {"absurd", G(kComedy)}, {"weird", G(kFantasy)},
    {"hilarious", G(kComedy)}, {"romantic comedy", G(kRomance, kComedy)}, {"road trip", G(kComedy, kAdventure)},
    {"sports", G(kDrama)}, {"boxing", G(kDrama)}, {"baseball", G(kDrama)}, {"teen", G(kComedy)},
    {"small town", G(kDrama)}, {"courtroom", G(kDrama, kCrime)}, {"lawyers", G(kDrama)},
    {"journalism", G(kDrama)}, {"cold war", G(kWar, kThriller)}, {"spy", G(kAction, kThriller)},
    {"James Bond", G(kAction)}, {"assassin", G(kAction, kThriller)}, {"gangsters", G(kCrime)},
    {"corruption", G(kCrime, kDrama)}, {"police", G(kCrime)}, {"hackers", G(kSciFi, kThriller)},
    {"virtual reality", G(kSciFi)}, {"cyberpunk", G(kSciFi)}, {"steampunk", G(kSciFi, kFantasy)},
    {"nature", G(kDocumentary)}, {"animals", G(kChildren, kDocumentary)}, {"environment", G(kDocumentary)},
    {"memory", G(kDrama, kSciFi)}, {"dreams", G(kFantasy, kSciFi)}, {"loneliness", G(kDrama)},
    {"depressing", G(kDrama)}, {"inspirational", G(kDrama)}, {"uplifting", G(kDrama)},
    {"good versus evil", G(kFantasy, kAdventure)}, {"ensemble cast", 0}, {"dialogue", G(kDrama)},
    {"quotable", G(kComedy)}, {"imdb top 250", 0}, {"must see", 0}, {"seen more than once", 0},
    {"in netflix queue", 0}, {"watched on a plane", 0}, {"wry, deadpan", G(kComedy)},
    {"\"so bad it's good\"", G(kHorror, kSciFi)}, {"R", 0}, {"Criterion", G(kDrama)},
};

constexpr std::string_view kGenomeModifiers[] = {
    "great", "bad", "dark", "good", "original", "beautiful", "stupid", "weird", "strong",
    "clever", "brutal", "gentle", "slow", "fast", "complex", "simple", "funny", "sad",
};
constexpr std::string_view kGenomeSubjects[] = {
    "acting", "dialogue", "plot", "ending", "soundtrack", "cinematography", "villain", "hero",
    "characters", "story", "action", "music", "humor", "script", "visuals", "pacing", "cast",
    "twist", "sequel", "remake", "premise", "setting", "score", "effects", "direction",
    "relationships", "atmosphere", "tension", "romance", "violence", "camera work", "editing",
    "storytelling", "costumes", "animation", "fight scenes", "special effects", "writing",
    "world-building", "mood", "message", "satire", "suspense", "horror", "comedy", "drama",
    "female lead", "male lead", "child actor", "narration", "flashbacks", "chase scenes",
    "monologues", "locations", "sets", "makeup", "stunts", "ensemble", "chemistry", "plot holes",
    "imagery", "symbolism", "themes", "subtext", "climax", "opening", "finale",
};

constexpr std::string_view kFirstNames[] = {
    "Rosa", "Martin", "Akira", "Sofia", "Ben", "Clara", "Dev", "Ingrid", "Luis", "Mei", "Omar",
    "Paula", "Ravi", "Tom", "Yuki", "Zoe", "Hugo", "Nina", "Jonas", "Ada",
};
constexpr std::string_view kLastNames[] = {
    "Lindqvist", "Moreau", "Tanaka", "Ortega", "Kowalski", "Brennan", "Haddad", "Novak", "Silva",
    "Fischer", "Okafor", "Rossi", "Chen", "Petrov", "Walsh", "Dubois", "Nakamura", "Larsen",
    "Costa", "Weber", "Murphy", "Khan", "Berg", "Ferreira", "Yilmaz",
};

}  // namespace

std::span<const TagWord> popular_tags() { return kTags; }

std::string long_tail_tag(uint64_t random) {
  const uint64_t kind = random % 3;
  random /= 3;
  if (kind == 0) {  // a person: director or actor
    return std::string(kFirstNames[random % std::size(kFirstNames)]) + " " +
           std::string(kLastNames[(random / std::size(kFirstNames)) % std::size(kLastNames)]);
  }
  return std::string(kGenomeModifiers[random % std::size(kGenomeModifiers)]) + " " +
         std::string(kGenomeSubjects[(random / std::size(kGenomeModifiers)) % std::size(kGenomeSubjects)]);
}

std::vector<GenomeTag> make_genome_tags(size_t count) {
  std::vector<GenomeTag> tags;
  std::set<std::string> seen;
  auto add = [&](std::string text, GenreMask genres, int index) {
    if (tags.size() >= count) return;
    // Genome tags are lower case in the real file; keep the canonical user-tag text otherwise.
    if (seen.insert(text).second) tags.push_back({std::move(text), genres, index});
  };
  for (size_t i = 0; i < std::size(kTags); ++i) {
    std::string text(kTags[i].text);
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(c < 0x80 ? std::tolower(c) : c); });
    add(std::move(text), kTags[i].genres, static_cast<int>(i));
  }
  for (int decade = 1900; decade <= 2010; decade += 10) add(std::to_string(decade) + "s", 0, -1);
  for (int century = 16; century <= 21; ++century) add(std::to_string(century) + "th century", 0, -1);
  // Deterministic "modifier subject" phrases fill the rest; each leans to one genre.
  size_t k = 0;
  while (tags.size() < count && k < std::size(kGenomeModifiers) * std::size(kGenomeSubjects)) {
    const auto& mod = kGenomeModifiers[k % std::size(kGenomeModifiers)];
    const auto& subj = kGenomeSubjects[k / std::size(kGenomeModifiers)];
    add(std::string(mod) + " " + std::string(subj), GenreMask{1} << (k * 7 % kGenreCount), -1);
    ++k;
  }
  std::sort(tags.begin(), tags.end(), [](const GenomeTag& a, const GenomeTag& b) { return a.text < b.text; });
  return tags;
}

}  // namespace mlgen
