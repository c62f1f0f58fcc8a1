"""The site as a whole: listings, related posts, URLs, the schedule, the
templates' data and filters, the CSP and the checks across all posts."""
