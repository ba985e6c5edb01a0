"""Collect: bring news articles in from the web (URLs, RSS/Atom feeds, sitemaps) into a WARC
archive, politely (robots.txt, one request at a time per host, delays) and resumably."""

from newsgraph.collect.config import CollectConfig
from newsgraph.collect.crawler import CrawlSummary, collect

__all__ = ["CollectConfig", "CrawlSummary", "collect"]
