-- id: AdrTotCnt
-- name: Addresses ever active
-- unit: addresses
-- source: derived
-- basis: end of day
-- cumulative: yes
-- definition: Addresses active on the day or any earlier day: the running total of AdrNewCnt.
"AdrNewCnt"
