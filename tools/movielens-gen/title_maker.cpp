#include "title_maker.h"

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
    "Hungry", "Brave", "Gentle", "Furious", "Silver", "Paper", "Glass", "Stone", "Neon", "Rusty",
    "Borrowed", "Painted", "Sleeping", "Dancing", "Falling", "Howling", "Whispering", "Wandering",
    "Electric", "Blind", "Nameless", "Ordinary", "Impossible", "Curious", "Fearless", "Hollywood",
    "Seventh", "Twelfth", "Unfinished", "Unseen", "Savage", "Summer", "Winter", "Desperate",
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
    "Lighthouse", "Carnival", "Harvest", "Blood", "Silence", "Spell", "Compass", "Lantern", "Wolf",
    "Raven", "Tiger", "Angel", "Devil", "Saint", "Sinner", "Widow", "Stranger", "Doctor", "Pilot",
    "Sailor", "Cowboy", "Gambler", "Outlaw", "Rebel", "Poet", "Painter", "Dancer", "Singer", "Spy",
    "Hotel", "Motel", "Diner", "Factory", "Forest", "Valley", "Canyon", "Lake", "Coast", "Street",
    "Avenue", "Highway", "Tunnel", "Tower", "Castle", "Palace", "Prison", "Academy", "Hospital",
};
constexpr std::string_view kNames[] = {
    "Charlie", "Maggie", "Frank", "Lucy", "Jack", "Rosa", "Eddie", "Nora", "Max", "Billy",
    "Grace", "Henry", "Sam", "Ruby", "Oscar", "Vera", "Leo", "Harriet", "Ray", "Iris",
};
constexpr std::string_view kSurnames[] = {
    "Malone", "Kowalski", "Duval", "Brennan", "Okafor", "Lindqvist", "Moreno", "Fischer", "Tanaka",
    "Hart", "Quinn", "Novak", "Rourke", "Valdez", "Sterling", "Mercer", "Ashby", "Castellano",
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
// Foreign-language titles are composed from small per-language word lists, each word with
// its English gloss: "Café des Ombres (Shadow Café)", "東京の夜 (Tokyo Night)".
struct Gloss {
  std::string_view word;
  std::string_view english;
};
struct Language {
  std::span<const Gloss> nouns;
  std::span<const Gloss> modifiers;
  bool modifier_first;      // "Été brûlant" vs "Москва ночью": order of the original
  std::string_view joiner;  // between the two words in the original ("", " ", "の")
};

constexpr Gloss kFrenchNouns[] = {{"Café", "Café"}, {"Été", "Summer"}, {"Fête", "Party"}, {"Rêve", "Dream"},
                                  {"Forêt", "Forest"}, {"Château", "Castle"}, {"Bête", "Beast"}, {"Frère", "Brother"},
                                  {"Mère", "Mother"}, {"Fenêtre", "Window"}, {"Hôtel", "Hotel"}, {"Île", "Island"}};
constexpr Gloss kFrenchModifiers[] = {{"brûlant", "Burning"}, {"étrange", "Strange"}, {"oublié", "Forgotten"},
                                      {"d'hiver", "Winter"}, {"perdu", "Lost"}, {"à Genève", "Geneva"},
                                      {"de Noël", "Christmas"}, {"éternel", "Eternal"}, {"fragile", "Fragile"}};
constexpr Gloss kSpanishNouns[] = {{"Niño", "Boy"}, {"Señora", "Lady"}, {"Corazón", "Heart"}, {"Ángel", "Angel"},
                                   {"Canción", "Song"}, {"Montaña", "Mountain"}, {"Camión", "Truck"},
                                   {"Jardín", "Garden"}, {"Mañana", "Morning"}, {"Pasión", "Passion"}};
constexpr Gloss kSpanishModifiers[] = {{"de fuego", "Fire"}, {"del mar", "Sea"}, {"de la noche", "Night"},
                                       {"salvaje", "Wild"}, {"pequeño", "Little"}, {"de España", "Spanish"},
                                       {"en Bogotá", "Bogota"}, {"sin nombre", "Nameless"}};
constexpr Gloss kGermanNouns[] = {{"Mädchen", "Girl"}, {"Straße", "Street"}, {"Träume", "Dreams"},
                                  {"Brücke", "Bridge"}, {"Bär", "Bear"}, {"Schloss", "Castle"}, {"Kälte", "Cold"},
                                  {"Großvater", "Grandfather"}, {"Glück", "Luck"}};
constexpr Gloss kGermanModifiers[] = {{"im Regen", "Rain"}, {"aus Köln", "Cologne"}, {"der Nacht", "Night"},
                                      {"am Meer", "Sea"}, {"für immer", "Forever"}, {"über Berlin", "Berlin"}};
constexpr Gloss kNordicNouns[] = {{"Søndag", "Sunday"}, {"Hämärä", "Twilight"}, {"Ö", "Island"},
                                  {"Sjö", "Lake"}, {"Bröllop", "Wedding"}, {"Fjäll", "Mountain"}, {"Ålder", "Age"}};
constexpr Gloss kNordicModifiers[] = {{"i august", "August"}, {"på Åland", "Aland"}, {"för två", "Two"},
                                      {"i Nørrebro", "Norrebro"}, {"utan slut", "Endless"}};
constexpr Gloss kJapaneseNouns[] = {{"東京", "Tokyo"}, {"風", "Wind"}, {"月", "Moon"}, {"桜", "Cherry Blossom"},
                                    {"海", "Sea"}, {"夏", "Summer"}, {"猫", "Cat"}, {"侍", "Samurai"}};
constexpr Gloss kJapaneseModifiers[] = {{"夜", "Night"}, {"谷", "Valley"}, {"歌", "Song"}, {"記憶", "Memory"},
                                        {"物語", "Story"}, {"約束", "Promise"}};
constexpr Gloss kRussianNouns[] = {{"берег", "Shore"}, {"город", "City"}, {"дом", "House"}, {"зима", "Winter"},
                                   {"поезд", "Train"}, {"сад", "Garden"}};
constexpr Gloss kRussianModifiers[] = {{"Тихий", "Quiet"}, {"Последний", "Last"}, {"Белый", "White"},
                                       {"Далёкий", "Distant"}, {"Старый", "Old"}};
constexpr Gloss kKoreanNouns[] = {{"서울", "Seoul"}, {"별", "Star"}, {"바다", "Sea"}, {"봄", "Spring"}, {"집", "House"}};
constexpr Gloss kKoreanModifiers[] = {{"의 노래", "Song"}, {"의 봄", "Spring"}, {"의 밤", "Night"}, {"의 기억", "Memory"}};
constexpr Gloss kGreekNouns[] = {{"Αθήνα", "Athens"}, {"θάλασσα", "Sea"}, {"σιωπή", "Silence"}, {"νύχτα", "Night"}};
constexpr Gloss kGreekModifiers[] = {{"Η μεγάλη", "Great"}, {"Η τελευταία", "Last"}, {"Η κρυφή", "Secret"}};
constexpr Gloss kChineseNouns[] = {{"月光", "Moonlight"}, {"长江", "River"}, {"上海", "Shanghai"}, {"红灯", "Red Lantern"}};
constexpr Gloss kChineseModifiers[] = {{"之城", "City"}, {"往事", "Memories"}, {"之夜", "Night"}, {"传奇", "Legend"}};

constexpr Language kLatinLanguages[] = {
    {kFrenchNouns, kFrenchModifiers, false, " "}, {kSpanishNouns, kSpanishModifiers, false, " "},
    {kGermanNouns, kGermanModifiers, false, " "}, {kNordicNouns, kNordicModifiers, false, " "},
};
constexpr Language kOtherScripts[] = {
    {kJapaneseNouns, kJapaneseModifiers, false, "の"}, {kRussianNouns, kRussianModifiers, true, " "},
    {kKoreanNouns, kKoreanModifiers, false, ""},     {kGreekNouns, kGreekModifiers, true, " "},
    {kChineseNouns, kChineseModifiers, false, ""},
};

std::string foreign_title(Rng& rng, std::span<const Language> languages) {
  const Language& lang = languages[rng.below(languages.size())];
  const Gloss& noun = lang.nouns[rng.below(lang.nouns.size())];
  const Gloss& modifier = lang.modifiers[rng.below(lang.modifiers.size())];
  const std::string original = lang.modifier_first
                                   ? std::string(modifier.word) + std::string(lang.joiner) + std::string(noun.word)
                                   : std::string(noun.word) + std::string(lang.joiner) + std::string(modifier.word);
  const std::string english = rng.chance(0.5) ? "The " + std::string(modifier.english) + " " + std::string(noun.english)
                                              : std::string(noun.english) + " of the " + std::string(modifier.english);
  return original + " (" + move_leading_article(english) + ")";
}

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
  if (pattern < 27) {
    t = std::string(pick(rng, kAdjectives)) + " " + std::string(pick(rng, kNouns));
  } else if (pattern < 49) {
    t = "The " + std::string(pick(rng, kAdjectives)) + " " + std::string(pick(rng, kNouns));
  } else if (pattern < 53) {
    t = "The " + std::string(pick(rng, kNouns));
  } else if (pattern < 64) {
    t = std::string(pick(rng, kNouns)) + " of the " + std::string(pick(rng, kNouns));
  } else if (pattern < 70) {
    t = std::string(pick(rng, kNames)) + "'s " + std::string(pick(rng, kNouns));
  } else if (pattern < 77) {
    t = std::string(pick(rng, kNouns)) + " in " + std::string(pick(rng, kPlaces));
  } else if (pattern < 81) {
    t = "A " + std::string(pick(rng, kNouns)) + " for " + std::string(pick(rng, kNames));
  } else if (pattern < 85) {
    t = std::string(pick(rng, kNouns)) + " & " + std::string(pick(rng, kNouns));
  } else if (pattern < 87) {
    t = "Goodbye, " + std::string(pick(rng, kNames)) + " " + std::string(pick(rng, kSurnames));  // a comma inside
  } else if (pattern < 91) {
    t = std::string(pick(rng, kNames)) + " " + std::string(pick(rng, kSurnames));
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
    title = foreign_title(rng, kLatinLanguages);
  } else if (kind < 75) {
    title = foreign_title(rng, kOtherScripts);
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
