"""`python -m bot.tools.review …`: the review console's server, accounts, and the same views in the terminal.

    serve                      the web console on http://127.0.0.1:8050/
    users add|passwd|remove|list
    list | show ID | stats     conversations, one transcript, statistics (filters as options)
    export csv|jsonl|nlu       the filtered conversations (to a file or standard output)
    purge [--days N]           delete conversations older than the retention period
    erase ID                   delete one conversation (RGPD request)
    rebuild                    recompute the review summaries from Rasa's events
"""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Callable, TextIO

from bot.tools.review import labels
from bot.tools.review.auth import AccountError, Accounts
from bot.tools.review.exports import export_chunks
from bot.adapters.store.conversation import BOT, FORM, OUTCOMES, SLOT, USER, Conversation
from bot.adapters.store.database import create_engine
from bot.adapters.store.notes import TAGS
from bot.adapters.store.queries import ROLES, Filters, ReviewStore, Stats
from bot.adapters.store.retention import erase, purge, retention_days
from bot.adapters.store.summaries import rebuild

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8050
FILTER_OPTIONS = ("start", "end", "channel", "role", "outcome", "tag", "text")


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--start", help="conversations commencées à partir de ce jour (AAAA-MM-JJ)")
    parser.add_argument("--end", help="… et jusqu'à ce jour inclus (AAAA-MM-JJ)")
    parser.add_argument("--channel", help="canal (rest, socketio…)")
    parser.add_argument("--role", choices=ROLES)
    parser.add_argument("--outcome", choices=OUTCOMES)
    parser.add_argument("--tag", choices=TAGS)
    parser.add_argument("--text", help="mots cherchés dans les messages du visiteur")
    parser.add_argument("--misunderstood", action="store_true", help="au moins un message non compris")
    parser.add_argument("--negative-feedback", action="store_true", help="au moins un avis négatif")


def filters_from(args: argparse.Namespace) -> Filters:
    params = {name: getattr(args, name) for name in FILTER_OPTIONS if getattr(args, name)}
    params.update({name: "1" for name in ("misunderstood", "negative_feedback") if getattr(args, name)})
    return Filters.from_params(params)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.review", description="Revue des conversations de l'assistant")
    parser.add_argument("--database", help="URL de la base (défaut : $VAE_DATABASE_URL, sinon var/conversations.db)")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="démarrer la console web")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)

    users = commands.add_parser("users", help="gérer les comptes de la console")
    user_commands = users.add_subparsers(dest="action", required=True)
    for action, text in (("add", "créer un compte"), ("passwd", "changer un mot de passe")):
        sub = user_commands.add_parser(action, help=text)
        sub.add_argument("name")
        sub.add_argument("--password-stdin", action="store_true", help="lire le mot de passe sur l'entrée standard")
    user_commands.add_parser("remove", help="supprimer un compte").add_argument("name")
    user_commands.add_parser("list", help="lister les comptes")

    listing = commands.add_parser("list", help="lister les conversations")
    add_filter_options(listing)
    listing.add_argument("--limit", type=int, default=20)
    listing.add_argument("--cursor", help="reprendre après cette position (affichée en bas de liste)")
    listing.add_argument("--json", action="store_true")

    show = commands.add_parser("show", help="afficher une conversation")
    show.add_argument("sender_id")
    show.add_argument("--json", action="store_true")

    stats = commands.add_parser("stats", help="statistiques")
    add_filter_options(stats)
    stats.add_argument("--json", action="store_true")

    export = commands.add_parser("export", help="exporter les conversations filtrées")
    export.add_argument("format", choices=("csv", "jsonl", "nlu"))
    add_filter_options(export)
    export.add_argument("-o", "--output", help="fichier de sortie (défaut : sortie standard)")

    purge_parser = commands.add_parser("purge", help="supprimer les conversations plus anciennes que la durée de conservation")
    purge_parser.add_argument("--days", type=int, help=f"durée de conservation en jours (défaut : {retention_days()})")
    purge_parser.add_argument("--dry-run", action="store_true", help="compter sans supprimer")

    commands.add_parser("erase", help="effacer une conversation (demande RGPD)").add_argument("sender_id")
    commands.add_parser("rebuild", help="recalculer les résumés depuis les événements de Rasa")
    return parser


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mot de passe : ")
    if getpass.getpass("Confirmez le mot de passe : ") != first:
        raise AccountError("Les deux mots de passe sont différents.")
    return first


def run_users(args: argparse.Namespace, accounts: Accounts, out: TextIO) -> int:
    if args.action == "list":
        for name in accounts.user_names():
            print(name, file=out)
        return 0
    if args.action == "remove":
        accounts.remove_user(args.name)
        print(f"Compte « {args.name} » supprimé.", file=out)
        return 0
    password = read_password(args.password_stdin)
    if args.action == "add":
        accounts.add_user(args.name, password)
        print(f"Compte « {args.name} » créé.", file=out)
    else:
        accounts.set_password(args.name, password)
        print(f"Mot de passe de « {args.name} » changé ; ses sessions sont fermées.", file=out)
    return 0


def print_list(store: ReviewStore, args: argparse.Namespace, out: TextIO) -> int:
    page = store.page(filters_from(args), args.cursor, limit=max(1, args.limit))
    if args.json:
        json.dump({"total": page.total, "next_cursor": page.next_cursor, "conversations": [r.as_dict() for r in page.rows]},
                  out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    print(f"{labels.number(page.total or 0)} conversation(s)", file=out)
    for row in page.rows:
        feedback = f"+{row.feedback_up}/-{row.feedback_down}" if row.feedback_up or row.feedback_down else ""
        print(f"{labels.iso_datetime(row.started_at)[:16]}  {labels.label(labels.OUTCOMES, row.outcome):<24}"
              f"{labels.label(labels.ROLES, row.role):<10}{row.user_messages:>4} msg {row.misunderstood:>3} incompris "
              f"{feedback:<7} {row.sender_id}  « {(row.first_message or '')[:50]} »", file=out)
    if page.next_cursor:
        print(f"\nSuite : --cursor {page.next_cursor}", file=out)
    return 0


def transcript_lines(conversation: Conversation) -> list[str]:
    lines = [
        f"Conversation {conversation.sender_id} — {labels.french_datetime(conversation.started_at)}",
        f"Canal : {labels.label(labels.CHANNELS, conversation.channel)} · Rôle : {labels.label(labels.ROLES, conversation.role)}"
        f" · Secteur : {labels.sector(conversation.sector)} · Issue : {labels.label(labels.OUTCOMES, conversation.outcome)}",
    ]
    for entry in conversation.entries:
        if entry.kind == USER:
            flag = "  [NON COMPRIS]" if entry.misunderstood else ""
            entities = "".join(f" {e['entity']}={e['value']}" for e in entry.entities)
            lines.append(f"  Visiteur : {entry.text}\n      → {entry.name} ({labels.confidence(entry.confidence)}){entities}{flag}")
        elif entry.kind == BOT:
            lines.append("  Assistant : " + entry.text.replace("\n", "\n              "))
        elif entry.kind == SLOT:
            lines.append(f"      · {labels.label(labels.SLOTS, entry.name)} = {json.dumps(entry.value, ensure_ascii=False)}")
        elif entry.kind == FORM:
            lines.append(f"      · questionnaire {entry.name or 'fermé'}")
    if conversation.verdict:
        lines.append("Verdict : " + json.dumps(conversation.verdict, ensure_ascii=False))
    for item in conversation.feedback:
        lines.append(f"Avis : {labels.label(labels.FEEDBACK, item.get('value'))} « {item.get('text', '')[:80]} »")
    return lines


def print_transcript(store: ReviewStore, args: argparse.Namespace, out: TextIO) -> int:
    transcript = store.transcript(args.sender_id)
    if transcript is None:
        print("Conversation introuvable.", file=sys.stderr)
        return 1
    if args.json:
        json.dump([entry.as_dict() for entry in transcript.conversation.entries], out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    print("\n".join(transcript_lines(transcript.conversation)), file=out)
    if transcript.note:
        print(f"Étiquette : {labels.label(labels.TAGS, transcript.note.tag)} · {transcript.note.comment}", file=out)
    return 0


def stats_lines(stats: Stats) -> list[str]:
    def block(title: str, items: list[tuple[str, int]]) -> list[str]:
        top = max((count for _, count in items), default=0) or 1
        return [f"\n{title}"] + [f"  {name[:28]:<28} {count:>7}  {'█' * round(30 * count / top)}" for name, count in items]

    lines = [
        f"Conversations : {labels.number(stats.conversations)}",
        f"Messages non compris : {labels.percent(stats.fallback_rate)} ({stats.misunderstood} sur {stats.user_messages})",
        f"Questionnaires terminés : {labels.percent(stats.completion_rate)} ({stats.forms_completed} sur {stats.forms_started})",
        f"Avis positifs : {labels.percent(stats.positive_feedback_ratio)} (+{stats.feedback_up} / -{stats.feedback_down})",
    ]
    lines += block("Conversations par jour", stats.per_day[-31:])
    lines += block("Intentions les plus fréquentes", stats.top_intents)
    lines += block("Issues", [(labels.OUTCOMES[code], stats.outcomes.get(code, 0)) for code in OUTCOMES])
    lines += block("Abandons par question", [(labels.label(labels.SLOTS, s), n) for s, n in stats.dropped_slots])
    lines.append("\nVerdicts par secteur")
    for sector, values in sorted(stats.outcomes_by_sector.items()):
        detail = ", ".join(f"{labels.OUTCOMES[code]} {count}" for code, count in sorted(values.items()))
        lines.append(f"  {labels.sector(sector)[:28]:<28} {detail}")
    return lines


def print_stats(store: ReviewStore, args: argparse.Namespace, out: TextIO) -> int:
    stats = store.stats(filters_from(args))
    if args.json:
        json.dump(stats.as_dict(), out, ensure_ascii=False, indent=2)
        print(file=out)
    else:
        print("\n".join(stats_lines(stats)), file=out)
    return 0


def write_export(store: ReviewStore, args: argparse.Namespace, out: TextIO) -> int:
    target = open(args.output, "w", encoding="utf-8", newline="") if args.output else out
    try:
        for chunk in export_chunks(store, args.format, filters_from(args)):
            target.write(chunk)
    finally:
        if args.output:
            target.close()
            print(f"Export écrit dans {args.output}.", file=sys.stderr)
    return 0


def serve(store: ReviewStore, accounts: Accounts, host: str, port: int) -> int:
    from bot.tools.review.web import create_app

    store.sync(force=True)
    print(f"==> console de revue : http://{'localhost' if host == '127.0.0.1' else host}:{port}/", flush=True)
    create_app(store, accounts).run(host=host, port=port, access_log=False, motd=False)
    return 0


def main(argv: list[str] | None = None, out: TextIO = sys.stdout) -> int:
    args = build_parser().parse_args(argv)
    engine = create_engine(args.database)
    try:
        if args.command == "users":
            return run_users(args, Accounts(engine), out)
        if args.command == "purge":
            count = purge(engine, args.days, dry_run=args.dry_run)
            verb = "seraient supprimées" if args.dry_run else "supprimées"
            print(f"{count} conversation(s) inactive(s) depuis plus de {args.days or retention_days()} jours {verb}.", file=out)
            return 0
        if args.command == "erase":
            deleted = erase(engine, args.sender_id)
            print(f"Conversation effacée ({deleted} événements)." if deleted else "Conversation introuvable.", file=out)
            return 0 if deleted else 1
        if args.command == "rebuild":
            print(f"{rebuild(engine)} conversation(s) résumée(s).", file=out)
            return 0
        store = ReviewStore(engine)
        if args.command == "serve":
            return serve(store, Accounts(engine), args.host, args.port)
        store.sync(force=True)
        commands: dict[str, Callable[[ReviewStore, argparse.Namespace, TextIO], int]] = {
            "list": print_list, "show": print_transcript, "stats": print_stats, "export": write_export,
        }
        return commands[args.command](store, args, out)
    except AccountError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
