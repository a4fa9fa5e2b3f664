/** The cinemas' day of an instant as the pages name it (tests run with CINEMA_TIME_ZONE=UTC). */
export function dayKeyOf(instant: Date): { key: string; label: string } {
  const key = instant.toISOString().slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const label =
    key === today
      ? 'Today'
      : key === tomorrow
        ? 'Tomorrow'
        : new Intl.DateTimeFormat('en-GB', {
            timeZone: 'UTC',
            weekday: 'short',
            day: 'numeric',
            month: 'short',
          }).format(instant);
  return { key, label };
}
