from rest_framework import serializers

from organizations.models import Organization
from projects.models import Funding, FundingProgramme, Project, ProjectPartner


class OrganizationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["slug", "name", "short_name"]


class OrganizationSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    project_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Organization
        fields = [
            "slug",
            "name",
            "short_name",
            "kind",
            "legal_form",
            "legal_code",
            "website",
            "description",
            "project_count",
            "url",
        ]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class FunderSerializer(OrganizationSerializer):
    class Meta(OrganizationSerializer.Meta):
        fields = [field for field in OrganizationSerializer.Meta.fields if field != "description"]


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundingProgramme
        fields = ["slug", "name", "year_from", "year_to"]


class FundingSerializer(serializers.ModelSerializer):
    funder = OrganizationRefSerializer()
    programme = ProgrammeSerializer(allow_null=True)

    class Meta:
        model = Funding
        fields = ["funder", "programme", "amount", "currency", "year_from", "year_to"]


class PartnerSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer()

    class Meta:
        model = ProjectPartner
        fields = ["organization", "role"]


class ProjectSerializer(serializers.ModelSerializer):
    implementer = OrganizationRefSerializer()
    partners = PartnerSerializer(source="partner_links", many=True)
    fundings = FundingSerializer(many=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "slug",
            "title",
            "excerpt",
            "implementer",
            "partners",
            "fundings",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
            "period_text",
            "source_url",
            "source_published_at",
            "published_at",
            "url",
        ]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


def _texts(manager):
    return [item.text for item in manager.all()]


class ProjectDetailSerializer(ProjectSerializer):
    goals = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    activities = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "content", "goals", "tasks", "activities"]
        fields += ["results"]

    def get_goals(self, obj) -> list[str]:
        return _texts(obj.goals)

    def get_tasks(self, obj) -> list[str]:
        return _texts(obj.tasks)

    def get_activities(self, obj) -> list[str]:
        return _texts(obj.activities)

    def get_results(self, obj) -> list[str]:
        return _texts(obj.results)
