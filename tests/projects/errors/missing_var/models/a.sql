select {{ var("region") }} as r
