-- How tagged movies perform, per tag: the average rating of the movies carrying the tag,
-- weighted by how often the tag was applied to each (a movie tagged 20 times says more
-- about the tag than one tagged once), next to the plain per-movie average.
select
    l.tag_normalised,
    any_value(t.display_tag)                                   as display_tag,
    count(*)                                                   as movies_tagged,
    sum(l.applications)                                        as applications,
    any_value(t.taggers)                                       as taggers,
    {{ weighted_average('m.avg_rating', 'l.applications') }}    as weighted_avg_rating,
    {{ exact_avg('m.avg_rating') }}                            as avg_movie_rating,
    sum(m.rating_count)                                        as ratings_of_tagged_movies,
    rank() over (order by count(*) desc)                       as popularity_rank
from {{ ref('int_tag_movie_links') }} as l
join {{ ref('dim_movies') }} as m using (movie_id)
join {{ ref('dim_tags') }} as t using (tag_normalised)
where m.rating_count > 0
group by l.tag_normalised
