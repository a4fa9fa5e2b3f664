// The not-found page needs no script; this module exists because every page loads one.
