"""The daily reminder digests: who gets one, what it lists, and never twice a day."""

import datetime
import hashlib
import io

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import translation

from samverka.governance.models import ReminderDigest
from samverka.governance.reminders import RemindersFailed, send_reminders
from samverka.governance.tasks import send_reminders_task
from tests import factories as f

TODAY = datetime.date(2026, 5, 4)
HOST = "samverka.example.se"


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every message (an SMTP outage)."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.SAMVERKA_BASE_URL = f"https://{HOST}"
    settings.SAMVERKA_REMINDER_DAYS = 7


@pytest.fixture
def owners(institution, other_institution):
    """Anna owns actions of every kind; Bo one in another institution; Cia has no e-mail address."""
    body = f.BodyFactory(institution=institution, partnership=f.PartnershipFactory(institution=institution))
    other_body = f.BodyFactory(
        institution=other_institution, partnership=f.PartnershipFactory(institution=other_institution)
    )

    def person(inst, first, email):
        return f.PersonFactory(institution=inst, first_name=first, last_name="Ek", email=email)

    anna = person(institution, "Anna", "anna.ek@umu.example.se")
    bo = person(other_institution, "Bo", "bo.ek@kommun.example.se")
    cia = person(institution, "Cia", "")
    for member, where in ((anna, body), (cia, body), (bo, other_body)):
        f.BodyMemberFactory(body=where, person=member)

    def action(title, owner, due, status="open", where=body):
        return f.ActionItemFactory(body=where, owner=owner, title=title, due_on=due, status=status)

    return {
        "body": body,
        "anna": anna,
        "bo": bo,
        "cia": cia,
        "actions": {
            "late": action("Skicka budget", anna, day(-3), "in_progress"),
            "later": action("Boka lokal", anna, day(-1)),
            "today": action("Ring regionen", anna, day(0)),
            "soon": action("Skriv rapport", anna, day(7)),
            "beyond": action("Planera hösten", anna, day(8)),
            "done": action("Klart sedan länge", anna, day(-5), "done"),
            "cancelled": action("Inställt", anna, day(1), "cancelled"),
            "bo": action("Svara kommunen", bo, day(2), where=other_body),
            "cia": action("Utan adress", cia, day(-2)),
        },
    }


def test_each_owner_gets_one_digest_with_all_their_due_and_overdue_actions(owners):
    sent = send_reminders(today=TODAY)

    assert sent == 2
    assert sorted(message.to for message in mail.outbox) == [
        ["anna.ek@umu.example.se"],
        ["bo.ek@kommun.example.se"],
    ]
    anna = next(m for m in mail.outbox if m.to == ["anna.ek@umu.example.se"])
    listed = [
        title
        for title in ("Skicka budget", "Boka lokal", "Ring regionen", "Skriv rapport")
        if title in anna.body
    ]
    assert listed == ["Skicka budget", "Boka lokal", "Ring regionen", "Skriv rapport"]
    positions = [anna.body.index(title) for title in listed]
    assert positions == sorted(positions), "overdue first, then by due date"
    for left_out in ("Planera hösten", "Klart sedan länge", "Inställt", "Svara kommunen", "Utan adress"):
        assert left_out not in anna.body
    assert "4" in anna.subject


def test_a_digest_names_the_partnership_body_due_date_and_link(owners):
    send_reminders(today=TODAY)

    anna = next(m for m in mail.outbox if m.to == ["anna.ek@umu.example.se"])
    action = owners["actions"]["late"]
    due, link = anna.body.split("- Skicka budget\n", 1)[1].splitlines()[:2]
    assert day(-3).isoformat() in due
    assert due.endswith(f" · {action.body.partnership.title_sv} · {action.body.name_sv}")
    assert link == f"  https://{HOST}/app/governance/actions/{action.pk}/"
    assert f"https://{HOST}/app/governance/actions/?mine=true" in anna.body


def test_a_digest_is_written_in_the_installations_language_whatever_is_active(owners):
    """Swedish by default: the links have no /en/ prefix and names are the Swedish ones."""
    with translation.override("en"):
        send_reminders(today=TODAY)

    anna = next(m for m in mail.outbox if m.to == ["anna.ek@umu.example.se"])
    action = owners["actions"]["late"]
    assert f"https://{HOST}/app/governance/actions/{action.pk}/" in anna.body
    assert "/en/" not in anna.body
    assert action.body.name_sv in anna.body and action.body.name_en not in anna.body


def test_a_member_who_chose_english_gets_the_digest_in_english(owners, institution):
    f.MembershipFactory(institution=institution, user__email="anna.ek@umu.example.se", language="en")
    send_reminders(today=TODAY)
    anna = next(m for m in mail.outbox if m.to == ["anna.ek@umu.example.se"])
    bo = next(m for m in mail.outbox if m.to == ["bo.ek@kommun.example.se"])
    assert (anna.extra_headers["Content-Language"], bo.extra_headers["Content-Language"]) == ("en", "sv")
    assert anna.subject.startswith("Samverka: ") and "need attention" in anna.subject
    assert "behöver" in bo.subject


def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_sends_again(owners):
    assert send_reminders(today=TODAY) == 2
    assert send_reminders(today=TODAY) == 0
    assert len(mail.outbox) == 2

    assert send_reminders(today=day(1)) == 2
    assert [m.to for m in mail.outbox[2:]] == [["anna.ek@umu.example.se"], ["bo.ek@kommun.example.se"]]
    assert ReminderDigest.objects.filter(day=TODAY).count() == 2
    assert ReminderDigest.objects.filter(day=day(1)).count() == 2


def test_the_log_holds_only_a_digest_of_the_address(owners):
    send_reminders(today=TODAY)

    row = ReminderDigest.objects.get(
        address_digest=hashlib.sha256(b"anna.ek@umu.example.se").hexdigest(), day=TODAY
    )
    assert row.action_count == 4
    assert "anna" not in str(row)


def test_two_records_with_one_address_get_one_digest(owners, institution):
    """The same address on two people's records (before a merge, any case) is one e-mail."""
    twin = f.PersonFactory(institution=institution, first_name="Anna", email="Anna.Ek@UMU.example.se")
    f.ActionItemFactory(body=owners["body"], owner=twin, title="Dubblettens åtgärd", due_on=day(1))

    send_reminders(today=TODAY)

    to_anna = [m for m in mail.outbox if m.to[0].lower() == "anna.ek@umu.example.se"]
    assert len(to_anna) == 1
    assert "Dubblettens åtgärd" in to_anna[0].body and "Skicka budget" in to_anna[0].body


def test_the_window_follows_the_setting_and_the_days_given(owners, settings):
    settings.SAMVERKA_REMINDER_DAYS = 0
    send_reminders(today=TODAY)
    anna = next(m for m in mail.outbox if m.to == ["anna.ek@umu.example.se"])
    assert "Ring regionen" in anna.body and "Skriv rapport" not in anna.body
    assert [m.to for m in mail.outbox] == [["anna.ek@umu.example.se"]]  # Bo's is due in two days

    mail.outbox.clear()
    send_reminders(today=day(1), days=8)
    anna = next(m for m in mail.outbox if m.to == ["anna.ek@umu.example.se"])
    assert "Planera hösten" in anna.body


def test_nobody_with_only_done_or_later_actions_is_reminded(owners):
    assert send_reminders(today=day(-20)) == 0
    assert mail.outbox == []


def test_a_message_the_mail_server_refused_is_tried_again_by_the_next_run(owners, settings):
    settings.EMAIL_BACKEND = "tests.governance.test_governance_reminders.RefusingBackend"
    with pytest.raises(RemindersFailed) as refused:
        send_reminders(today=TODAY)
    assert (refused.value.sent, refused.value.failed) == (0, 2)
    assert ReminderDigest.objects.count() == 0

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_reminders(today=TODAY) == 2


def test_the_command_sends_the_days_digests(owners):
    out = io.StringIO()

    call_command("remind", "--date", TODAY.isoformat(), "--days", "7", stdout=out)

    assert out.getvalue().strip() == "2 reminder e-mail(s) sent."
    assert sorted(m.to[0] for m in mail.outbox) == ["anna.ek@umu.example.se", "bo.ek@kommun.example.se"]


def test_the_command_refuses_a_bad_date(owners):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("remind", "--date", "4/5/2026")
    assert mail.outbox == []


def test_the_background_task_sends_them_too(owners):
    result = send_reminders_task.enqueue(day=TODAY.isoformat(), days=7)

    assert result.return_value == 2
    assert len(mail.outbox) == 2


def test_the_command_fails_when_a_reminder_could_not_be_sent(owners, settings):
    """cron and systemd only notice a failure by the exit status: "0 sent" and 0 hid an outage."""
    from django.core.management.base import CommandError

    settings.EMAIL_BACKEND = "tests.governance.test_governance_reminders.RefusingBackend"
    with pytest.raises(CommandError, match=r"^2 reminder e-mail\(s\) could not be sent \(0 sent\)"):
        call_command("remind", "--date", TODAY.isoformat(), stdout=io.StringIO())


def test_the_file_backend_writes_the_digests_where_the_environment_says(owners, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    out = io.StringIO()
    call_command("remind", "--date", TODAY.isoformat(), stdout=out)
    assert out.getvalue().strip() == "2 reminder e-mail(s) sent."
    written = "".join(path.read_text() for path in (tmp_path / "mail").iterdir())
    assert written.count("Subject:") == 2


def test_the_mail_folder_is_read_from_the_environment(tmp_path):
    from tests.core.test_settings import run_samverka

    done = run_samverka(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_FILE_PATH)",
        env_extra={"EMAIL_FILE_PATH": str(tmp_path / "outgoing")},
        tmp_path=tmp_path,
    )
    assert done.stdout.strip().splitlines()[-1] == str(tmp_path / "outgoing"), done.stderr


def test_coordinators_are_reminded_of_agreements_that_end_need_review_or_are_unsigned(
    institution, other_institution
):
    partnership = f.PartnershipFactory(
        institution=institution, title_sv="Region Västerbotten", status="active"
    )
    quiet = f.PartnershipFactory(institution=institution, title_sv="Skellefteå kommun", status="active")
    dora = f.PersonFactory(
        institution=institution, first_name="Dora", last_name="Ek", email="dora@umu.example.se"
    )
    all_of_them = f.PersonFactory(
        institution=institution, first_name="Eva", last_name="Ek", email="eva@umu.example.se"
    )
    f.CoordinatorAssignmentFactory(person=dora, partnership=partnership)
    f.CoordinatorAssignmentFactory(person=all_of_them, partnership=None)  # all partnerships
    gone = f.PersonFactory(
        institution=institution, first_name="Gun", last_name="Ek", email="gun@umu.example.se"
    )
    f.CoordinatorAssignmentFactory(person=gone, partnership=partnership, ends_on=day(-1))  # no longer
    ending = f.AgreementFactory(partnership=partnership, sequence=1, starts_on=day(-700), ends_on=day(5))
    f.AgreementFactory(partnership=quiet, sequence=1, starts_on=day(-700), ends_on=day(5))
    f.AgreementFactory(partnership=quiet, sequence=2, starts_on=day(6), signed_on=day(-10))  # renewed
    unsigned = f.AgreementFactory(partnership=partnership, sequence=3, starts_on=day(3), review_on=day(30))
    f.AgreementFactory(
        partnership=partnership, sequence=2, starts_on=day(-700), review_on=day(7), ends_on=day(6)
    )

    assert send_reminders(today=TODAY) == 2
    dora_mail = next(m for m in mail.outbox if m.to == ["dora@umu.example.se"])
    assert "Avtal för partnerskap du samordnar" in dora_mail.body
    assert "startar 2026-05-07 och är inte undertecknat" in dora_mail.body.casefold()
    assert (
        str(unsigned) in dora_mail.body and f"https://{HOST}{unsigned.get_absolute_url()}" in dora_mail.body
    )
    # the first agreement is followed by later ones: it needs nothing any more
    assert f"{ending}\n" not in dora_mail.body
    assert "Skellefteå kommun" not in dora_mail.body  # renewed
    assert dora_mail.subject == "Samverka: 1 åtgärd eller avtal behöver din uppmärksamhet"
    eva_mail = next(m for m in mail.outbox if m.to == ["eva@umu.example.se"])
    assert str(unsigned) in eva_mail.body
    assert not any(m.to == ["gun@umu.example.se"] for m in mail.outbox)
