#include "famous_movies.h"

namespace mlgen {
namespace {

// Listed in order of intended popularity; Toy Story must stay first (it is movieId 1).
constexpr FamousMovie kFamous[] = {
    {"Toy Story (1995)", 1995, "Adventure|Animation|Children|Comedy|Fantasy", "0114709", 862, false},
    {"Shawshank Redemption, The (1994)", 1994, "Crime|Drama", "0111161", 278, false},
    {"Forrest Gump (1994)", 1994, "Comedy|Drama|Romance|War", "0109830", 13, false},
    {"Pulp Fiction (1994)", 1994, "Comedy|Crime|Drama|Thriller", "0110912", 680, false},
    {"Matrix, The (1999)", 1999, "Action|Sci-Fi|Thriller", "0133093", 603, false},
    {"Silence of the Lambs, The (1991)", 1991, "Crime|Horror|Thriller", "0102926", 274, false},
    {"Star Wars: Episode IV - A New Hope (1977)", 1977, "Action|Adventure|Sci-Fi", "0076759", 11, false},
    {"Jurassic Park (1993)", 1993, "Action|Adventure|Sci-Fi|Thriller", "0107290", 329, false},
    {"Schindler's List (1993)", 1993, "Drama|War", "0108052", 424, false},
    {"Braveheart (1995)", 1995, "Action|Drama|War", "0112573", 197, false},
    {"Fight Club (1999)", 1999, "Action|Crime|Drama|Thriller", "0137523", 550, false},
    {"Usual Suspects, The (1995)", 1995, "Crime|Mystery|Thriller", "0114814", 629, false},
    {"Seven (a.k.a. Se7en) (1995)", 1995, "Mystery|Thriller", "0114369", 807, false},
    {"Lord of the Rings: The Fellowship of the Ring, The (2001)", 2001, "Adventure|Fantasy", "0120737", 120, false},
    {"Godfather, The (1972)", 1972, "Crime|Drama", "0068646", 238, false},
    {"Apollo 13 (1995)", 1995, "Adventure|Drama|IMAX", "0112384", 568, false},
    {"Lion King, The (1994)", 1994, "Adventure|Animation|Children|Drama|Musical|IMAX", "0110357", 8587, false},
    {"Fargo (1996)", 1996, "Comedy|Crime|Drama|Thriller", "0116282", 275, false},
    {"American Beauty (1999)", 1999, "Drama|Romance", "0169547", 14, false},
    {"Dark Knight, The (2008)", 2008, "Action|Crime|Drama|IMAX", "0468569", 155, false},
    {"Inception (2010)", 2010, "Action|Crime|Drama|Mystery|Sci-Fi|Thriller|IMAX", "1375666", 27205, false},
    {"Jumanji (1995)", 1995, "Adventure|Children|Fantasy", "0113497", 8844, false},
    {"Heat (1995)", 1995, "Action|Crime|Thriller", "0113277", 949, false},
    {"Memento (2000)", 2000, "Mystery|Thriller", "0209144", 77, false},
    {"Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)", 2001, "Comedy|Romance", "0211915", 194, false},
    {"Big Lebowski, The (1998)", 1998, "Comedy|Crime", "0118715", 115, false},
    {"Casablanca (1942)", 1942, "Drama|Romance", "0034583", 289, false},
    {"Spirited Away (Sen to Chihiro no kamikakushi) (2001)", 2001, "Adventure|Animation|Fantasy", "0245429", 129, false},
    {"Interstellar (2014)", 2014, "Sci-Fi|IMAX", "0816692", 157336, false},
    {"Blair Witch Project, The (1999)", 1999, "Drama|Horror|Thriller", "0185937", 2667, true},
    {"Napoleon Dynamite (2004)", 2004, "Comedy", "0374900", 8193, true},
    {"Shining, The (1980)", 1980, "Horror", "0081505", 694, false},
    {"12 Angry Men (1957)", 1957, "Drama", "0050083", 389, false},
    {"Good, the Bad and the Ugly, The (Buono, il brutto, il cattivo, Il) (1966)", 1966, "Action|Adventure|Western", "0060196", 429, false},
    {"Maltese Falcon, The (1941)", 1941, "Film-Noir|Mystery", "0033870", 963, false},
    {"Double Indemnity (1944)", 1944, "Crime|Drama|Film-Noir", "0036775", 996, false},
    {"Nosferatu (Nosferatu, eine Symphonie des Grauens) (1922)", 1922, "Horror", "0013442", 653, false},
    {"Parasite (2019)", 2019, "Comedy|Drama", "6751668", 496243, false},
    {"Spider-Man: Into the Spider-Verse (2018)", 2018, "Action|Adventure|Animation|Sci-Fi", "4633694", 324857, false},
    {"11'09\"01 - September 11 (2002)", 2002, "Drama", "0328802", 1588, false},
    {"\"Great Performances\" Cats (1998)", 1998, "Musical", "0173714", 0, false},
    {"Babylon 5", 1994, "Sci-Fi", "0105946", 0, false},
};

}  // namespace

std::span<const FamousMovie> famous_movies() { return kFamous; }

}  // namespace mlgen
