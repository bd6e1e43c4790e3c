"""schema.org metadata for project pages, as JSON-LD."""

import json

from django.utils.safestring import mark_safe

# Characters that could end the <script> element or start markup inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _organization(organization, absolute):
    data = {
        "@type": "Organization",
        "name": organization.name,
        "url": absolute(organization.get_absolute_url()),
    }
    if organization.short_name:
        data["alternateName"] = organization.short_name
    if organization.website:
        data["sameAs"] = organization.website
    if organization.legal_code:
        data["identifier"] = organization.legal_code
    return data


def project_json_ld(project, fundings, partners, build_absolute_uri):
    """A schema.org Project with its grants (MonetaryGrant), ready for a ld+json script.

    `fundings` and `partners`: the project's Funding and ProjectPartner rows."""
    url = build_absolute_uri(project.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "@id": url,
        "url": url,
        "name": project.title,
        "parentOrganization": _organization(project.implementer, build_absolute_uri),
    }
    if project.excerpt:
        data["description"] = project.excerpt
    if project.start_date:
        data["foundingDate"] = project.start_date.isoformat()
    if project.end_date:
        data["dissolutionDate"] = project.end_date.isoformat()
    if partners:
        data["member"] = [_organization(link.organization, build_absolute_uri) for link in partners]
    if project.source_url:
        data["subjectOf"] = {"@type": "WebPage", "url": project.source_url}
        if project.source_published_at:
            data["subjectOf"]["datePublished"] = project.source_published_at.isoformat()
    grants = []
    for funding in fundings:
        grant = {
            "@type": "MonetaryGrant",
            "funder": _organization(funding.funder, build_absolute_uri),
            "fundedItem": {"@id": url},
        }
        if funding.programme:
            grant["name"] = funding.programme.name
        if funding.amount is not None:
            grant["amount"] = {
                "@type": "MonetaryAmount",
                "value": str(funding.amount),
                "currency": funding.currency,
            }
        grants.append(grant)
    if grants:
        funders = {grant["funder"]["url"]: grant["funder"] for grant in grants}
        data["funder"] = list(funders.values())
        data["funding"] = grants
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 - escaped above
