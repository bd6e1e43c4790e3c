"""An editor enters a project in the admin: goals, tasks, a partner and funding; a period that
ends before it starts is refused with a Lithuanian message; once fixed and published, the
project is found by the public search."""

import pytest

from projects.models import Project, ProjectStatus

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "pass-word-123"
TITLE = "Bendruomenių stiprinimas Žemaitijoje"
PERIOD_ERROR = "Projekto pabaiga negali būti ankstesnė už pradžią."


@pytest.fixture
def editor(django_user_model, seeded, editors_group):
    user = django_user_model.objects.create_user(
        "redaktore", "r@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(editors_group)
    return user


def log_in(page, user):
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url("**/admin/")


def choose(page, select_id, text):
    """Picks `text` in an autocomplete (select2) field by typing, as a person would."""
    page.locator(f"#{select_id} ~ .select2").first.click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def add_row(page, group):
    page.locator(f"#{group}-group .add-row a").click()


def fill_new_project(page, *, start, end):
    page.goto("/admin/projects/project/add/")
    page.fill("#id_title", TITLE)
    choose(page, "id_implementer", "Moterų informacijos centras")
    page.fill("#id_excerpt", "Mokymai bendruomenių lyderiams Žemaitijoje.")
    page.fill("#id_start_date", start)
    page.fill("#id_end_date", end)
    add_row(page, "goals")
    page.fill("#id_goals-0-text", "Stiprinti kaimo bendruomenes.")
    add_row(page, "tasks")
    page.fill("#id_tasks-0-text", "Surengti dešimt mokymų.")
    add_row(page, "tasks")
    page.fill("#id_tasks-1-text", "Parengti metodinę medžiagą.")
    add_row(page, "partner_links")
    choose(page, "id_partner_links-0-organization", "UAB IDEA MECCA")
    add_row(page, "fundings")
    choose(page, "id_fundings-0-funder", "socialinės apsaugos")
    page.fill("#id_fundings-0-amount", "15000")
    page.fill("#id_fundings-0-year_from", "2025")
    page.fill("#id_fundings-0-year_to", "2025")


def save(page):
    page.click("input[name=_save]")
    page.wait_for_load_state()


@pytest.fixture
def refused_form(page, editor, screenshot):
    log_in(page, editor)
    fill_new_project(page, start="2025-12-31", end="2025-01-01")
    save(page)
    screenshot("admin-period-error")
    return page


@pytest.fixture
def saved_project(refused_form, screenshot):
    page = refused_form
    page.fill("#id_start_date", "2025-01-01")
    page.fill("#id_end_date", "2025-12-31")
    save(page)
    screenshot("admin-project-saved")
    return Project.objects.get(title=TITLE)


@pytest.fixture
def published_project(page, saved_project, screenshot):
    page.goto("/admin/projects/project/")
    page.locator(f"input[name=_selected_action][value='{saved_project.pk}']").check()
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    page.wait_for_load_state()
    screenshot("admin-project-published")
    saved_project.refresh_from_db()
    return saved_project


def test_end_date_before_start_is_refused_with_a_lithuanian_message(refused_form):
    assert refused_form.get_by_text(PERIOD_ERROR).is_visible()


def test_fixed_project_is_saved_with_its_goal_tasks_partner_and_funding(saved_project):
    assert (
        saved_project.goals.count(),
        saved_project.tasks.count(),
        saved_project.partner_links.get().organization.name,
        saved_project.fundings.get().amount,
    ) == (1, 2, "UAB IDEA MECCA", 15000)


def test_published_project_appears_in_the_public_search(page, published_project, screenshot):
    assert published_project.status == ProjectStatus.PUBLISHED
    page.goto("/projects/?q=Žemaitija")
    screenshot("search-after-publishing")
    assert page.locator(".search-result-list").get_by_text(TITLE).is_visible()


def test_admin_pages_break_no_content_security_policy_rule(saved_project, page_problems):
    assert page_problems.csp_violations == []
