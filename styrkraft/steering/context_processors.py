"""What every page's frame needs: the municipality the site shows (its name and demo marking)."""

from styrkraft.steering.queries import current_municipality


def site(request):
    return {"site_municipality": current_municipality(request)}
