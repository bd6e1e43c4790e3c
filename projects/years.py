from django.db.models import Max, Min


def project_years(queryset):
    """Every calendar year touched by the periods of `queryset`, in one query."""
    bounds = queryset.aggregate(first=Min("start_date"), last=Max("end_date"))
    if not bounds["first"]:
        return []
    last = bounds["last"] or bounds["first"]
    return list(range(bounds["first"].year, last.year + 1))
