"""`alliance87 scheduler`: run exactly one per installation; it queues settings.SCHEDULE's jobs on time."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from alliance87.core.scheduler import build_scheduler, trigger_for


class Command(BaseCommand):
    help = "Queue scheduled work (digests, pruning, reminders) at its time; the task worker runs it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--list", action="store_true", help="Print the jobs and their next run, then exit."
        )
        parser.add_argument("--run-now", metavar="JOB", help="Queue one job's task now, then exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            now = timezone.now()
            for job, (cron, task_path, kwargs) in settings.SCHEDULE.items():
                upcoming = trigger_for(cron).get_next_fire_time(None, now)
                self.stdout.write(
                    f"{job:24} {cron:16} next {upcoming:%Y-%m-%d %H:%M} UTC  {task_path} {kwargs}"
                )
            return
        if options["run_now"]:
            job = options["run_now"]
            if job not in settings.SCHEDULE:
                raise CommandError(f"No job {job!r}; see --list.")
            _cron, task_path, kwargs = settings.SCHEDULE[job]
            from django.utils.module_loading import import_string

            result = import_string(task_path).enqueue(**kwargs)
            self.stdout.write(f"Queued {job} as task {result.id}.")
            return
        scheduler = build_scheduler()
        self.stdout.write(f"Scheduler started with {len(settings.SCHEDULE)} jobs (times in UTC).")
        self.stdout.flush()
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
