"""`python -m bot …`: the project's command line."""
from __future__ import annotations

import argparse
import sys


def seed_list(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(seed) for seed in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"seeds are whole numbers separated by commas, not {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (["review"], ["users"], ["purge"]):
        # The review console has its own command line: `python -m bot review serve|list|show|stats|export|…`,
        # `python -m bot users add NAME`, `python -m bot purge`.
        from bot.tools.review.cli import main as review_main

        return review_main(argv[1:] if argv[0] == "review" else argv)
    if argv[:1] == ["bench"] and "--cluster" in argv:
        # The standard topology under load: `python -m bot bench --cluster --help` (make bench-cluster).
        from bot.tools.bench.cluster import main as bench_cluster_main

        return bench_cluster_main([a for a in argv[1:] if a != "--cluster"])
    if argv[:1] == ["bench"]:
        # The load benchmark has its own command line too: `python -m bot bench --help` (make bench).
        from bot.tools.bench.__main__ import main as bench_main

        return bench_main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bot", description="Assistant VAE inversée")
    commands = parser.add_subparsers(dest="command", required=True)
    train = commands.add_parser("train", help="train the model if its inputs changed")
    train.add_argument("--force", action="store_true", help="train even if nothing changed")
    serve = commands.add_parser("serve", help="serve the bot (Rasa :5005, actions :5055)")
    serve.add_argument("--cluster", type=int, metavar="N", default=0,
                       help="N Rasa servers behind HAProxy on :5005, PostgreSQL store, Redis locks (make cluster)")
    serve.add_argument("--actions", type=int, metavar="M", default=2, help="action servers with --cluster (default 2)")
    commands.add_parser("shell", help="talk to the bot in the terminal")
    evaluation = commands.add_parser("eval", help="measure NLU and dialogue quality into results/")
    evaluation.add_argument("--quick", action="store_true", help="only the held-out set, with our config")
    evaluation.add_argument("--skip-default-cv", action="store_true",
                            help="no cross-validation of the default recipe (about three hours on 2 cores)")
    evaluation.add_argument("--seeds", type=seed_list, default=None, metavar="2023,2024,…",
                            help="the ResponseSelector seeds of the held-out spread (default: 2023,2024,2025,2026 "
                                 "for the full run, none with --quick)")
    args = parser.parse_args(argv)

    if args.command == "train":
        from bot.adapters.training import ensure_model

        ensure_model(force=args.force)
        return 0
    if args.command == "serve" and args.cluster:
        from bot.tools.cluster import serve_cluster

        return serve_cluster(args.cluster, args.actions)
    if args.command == "serve":
        from bot.tools.serve import serve_forever

        return serve_forever()
    if args.command == "shell":
        from bot.tools.serve import shell

        return shell()
    if args.command == "eval":
        from bot.tools.evaluation import evaluate

        return evaluate(quick=args.quick, default_cv=not args.skip_default_cv, seeds=args.seeds)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
