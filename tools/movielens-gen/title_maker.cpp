#include "title_maker.h"

#include <array>
#include <span>
#include <string_view>

namespace mlgen {
namespace {

using Words = std::span<const std::string_view>;

constexpr std::string_view kAdjectives[] = {
    "Silent", "Last", "Dark", "Broken", "Golden", "Hidden", "Lost", "Wild", "Crimson", "Frozen",
    "Secret", "Endless", "Burning", "Little", "Distant", "Hollow", "Midnight", "Electric",
    "Savage", "Quiet", "Bright", "Bitter", "Forgotten", "Eternal", "Dangerous", "Perfect",
    "Lonely", "Deadly", "Invisible", "Sweet", "Final", "Restless", "Scarlet", "Iron", "Velvet",
    "Stolen", "Fallen", "Wicked", "Rising", "Infinite", "Crooked", "Blue", "Black", "White",
    "Red", "Naked", "Strange", "Small", "Great", "Sudden", "Northern", "Southern", "Empty",
    "Shattered", "Reckless", "Tender", "Cold", "Hot", "Long", "Second", "First", "American",
};
constexpr std::string_view kNouns[] = {
    "River", "Harbor", "Night", "City", "Road", "Kingdom", "Summer", "Winter", "Heart", "Shadow",
    "Storm", "Game", "Promise", "Dream", "House", "Island", "Mirror", "Garden", "Machine",
    "Witness", "Stranger", "Empire", "Horizon", "Hunter", "Letter", "Season", "Voyage",
    "Secret", "Border", "Legacy", "Signal", "Orchard", "Frontier", "Train", "Circus", "Prophet",
    "Echo", "Soldier", "Daughter", "Son", "Brother", "Sister", "Wedding", "Funeral", "Diary",
    "Escape", "Paradise", "Desert", "Ocean", "Mountain", "Station", "Detective", "Thief",
    "Queen", "King", "Ghost", "Planet", "Moon", "Fire", "Ice", "Rain", "Crown", "Song", "Dance",
    "Alibi", "Verdict", "Heist", "Affair", "Exile", "Return", "Journey", "Bridge", "Tide",
};
constexpr std::string_view kNames[] = {
    "Charlie", "Maggie", "Frank", "Lucy", "Jack", "Rosa", "Eddie", "Nora", "Max", "Billy",
    "Grace", "Henry", "Sam", "Ruby", "Oscar", "Vera", "Leo", "Harriet", "Ray", "Iris",
};
constexpr std::string_view kPlaces[] = {
    "Paris", "Brooklyn", "Tokyo", "Texas", "Berlin", "Havana", "Alaska", "Rome", "Chicago",
    "Vegas", "Casablanca", "Manhattan", "Bombay", "Moscow", "Shanghai", "Dublin", "Mexico",
    "Montana", "Venice", "Cairo", "Seoul", "Lisbon", "Istanbul", "Oslo",
};
constexpr std::string_view kSubtitles[] = {
    "The Beginning", "Revenge", "The Return", "Reckoning", "Resurrection", "The Final Chapter",
    "Origins", "Homecoming", "Part II", "The Last Stand", "Legacy", "Redemption",
};
// Foreign-language titles (Latin script with accents), each with an English gloss.
constexpr std::array<std::string_view, 2> kForeign[] = {
    {"Café des Ombres", "Shadow Café"},
    {"Noël à Montréal", "Christmas in Montreal"},
    {"Mädchen im Regen", "Girl in the Rain"},
    {"El Niño y el Mar", "The Boy and the Sea"},
    {"Señora de la Noche", "Lady of the Night"},
    {"Straße der Träume", "Street of Dreams"},
    {"Ça ira", "It Will Be Fine"},
    {"Coração Selvagem", "Wild Heart"},
    {"Été brûlant", "Burning Summer"},
    {"Søndag i august", "Sunday in August"},
    {"Łódź nocą", "Lodz at Night"},
    {"Çocukluk", "Childhood"},
    {"Bézier à Genève", "Bezier in Geneva"},
    {"Ángel de fuego", "Angel of Fire"},
    {"Fête foraine", "Funfair"},
    {"Hämärän tarinat", "Twilight Tales"},
};
// Non-Latin scripts: Japanese, Russian, Korean, Chinese, Greek, Arabic, Hindi.
constexpr std::array<std::string_view, 2> kNonLatin[] = {
    {"東京の夜", "Tokyo Night"},
    {"Тихий берег", "Quiet Shore"},
    {"서울의 봄", "Spring in Seoul"},
    {"月光之城", "City of Moonlight"},
    {"Η σιωπή", "The Silence"},
    {"ليل القاهرة", "Cairo Night"},
    {"बारिश का मौसम", "Rainy Season"},
    {"Москва слезам", "Moscow Tears"},
    {"風の谷", "Valley of the Wind"},
    {"별의 노래", "Song of the Stars"},
};

std::string_view pick(Rng& rng, Words words) { return words[rng.below(words.size())]; }

std::string base_title(Rng& rng, bool documentary) {
  std::string t;
  if (documentary && rng.chance(0.6)) {
    switch (rng.below(3)) {
      case 0: t = std::string(pick(rng, kPlaces)) + ": " + std::string(pick(rng, kNouns)) + " of " + std::string(pick(rng, kNouns)) + "s"; break;
      case 1: t = "The " + std::string(pick(rng, kNouns)) + " Makers"; break;
      default: t = "Inside " + std::string(pick(rng, kPlaces)); break;
    }
    return t;
  }
  const uint64_t pattern = rng.below(100);
  if (pattern < 24) {
    t = std::string(pick(rng, kAdjectives)) + " " + std::string(pick(rng, kNouns));
  } else if (pattern < 42) {
    t = "The " + std::string(pick(rng, kAdjectives)) + " " + std::string(pick(rng, kNouns));
  } else if (pattern < 52) {
    t = "The " + std::string(pick(rng, kNouns));
  } else if (pattern < 62) {
    t = std::string(pick(rng, kNouns)) + " of the " + std::string(pick(rng, kNouns));
  } else if (pattern < 68) {
    t = std::string(pick(rng, kNames)) + "'s " + std::string(pick(rng, kNouns));
  } else if (pattern < 75) {
    t = std::string(pick(rng, kNouns)) + " in " + std::string(pick(rng, kPlaces));
  } else if (pattern < 79) {
    t = "A " + std::string(pick(rng, kNouns)) + " for " + std::string(pick(rng, kNames));
  } else if (pattern < 83) {
    t = std::string(pick(rng, kNouns)) + " & " + std::string(pick(rng, kNouns));
  } else if (pattern < 86) {
    t = "Goodbye, " + std::string(pick(rng, kNames));  // a comma inside the title
  } else if (pattern < 90) {
    t = std::string(pick(rng, kNames));
  } else {
    t = std::string(pick(rng, kAdjectives)) + " " + std::string(pick(rng, kPlaces));
  }
  return t;
}

}  // namespace

std::string move_leading_article(const std::string& title) {
  for (std::string_view article : {"The ", "A ", "An "}) {
    if (title.size() > article.size() && title.compare(0, article.size(), article) == 0) {
      return title.substr(article.size()) + ", " + std::string(article.substr(0, article.size() - 1));
    }
  }
  return title;
}

std::string make_title(Rng& rng, const TitleRequest& request) {
  std::string title;
  const uint64_t kind = rng.below(1000);
  if (kind < 60) {
    const auto& f = kForeign[rng.below(std::size(kForeign))];
    title = std::string(f[0]) + " (" + move_leading_article(std::string(f[1])) + ")";
  } else if (kind < 75) {
    const auto& f = kNonLatin[rng.below(std::size(kNonLatin))];
    title = std::string(f[0]) + " (" + move_leading_article(std::string(f[1])) + ")";
  } else if (kind < 77) {
    // A title that itself contains double quotes, like '"Great Performances" Cats'.
    title = "\"" + std::string(pick(rng, kAdjectives)) + " Theatre\" " + std::string(pick(rng, kNouns));
  } else if (kind < 140) {
    const std::string base = base_title(rng, false);
    switch (rng.below(3)) {
      case 0: title = base + " " + std::to_string(2 + rng.below(3)); break;
      case 1: title = base + " II"; break;
      default: title = base + ": " + std::string(pick(rng, kSubtitles)); break;
    }
    title = move_leading_article(title);
  } else {
    title = move_leading_article(base_title(rng, request.documentary));
  }
  if (request.with_year) title += " (" + std::to_string(request.year) + ")";
  return title;
}

}  // namespace mlgen
