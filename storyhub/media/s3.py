"""Media in an S3-compatible object store (`MEDIA_STORAGE=s3`): AWS S3, MinIO, Garage, Ceph,
Scaleway, OVHcloud… through boto3, with the same interface as the local disk (storage.py).

The bucket stays private: nothing is written with a public ACL, and nobody reads a file but
through the app. To send one, the app checks who may see it (media/serving.py) and redirects
the browser to a presigned GET URL for that one file, valid MEDIA_S3_URL_EXPIRES seconds (60
by default). What a leaked URL can do: fetch that one file until it expires, nothing else (no
listing, no other key, no write). After a withdrawal (consent, report, unpublishing, deletion)
the app signs no new URL, so the file is out of reach within that minute at most; a deletion
removes the object at once.
"""

from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from storyhub.media.storage import check_key

NOT_FOUND = {"404", "NoSuchKey", "NotFound"}
# Browsers may read the objects from any page: the panorama viewer fetches its picture by a
# cross-origin request, whose origin is `null` after the app's redirect; the presigned URL is
# the permission. `flask media-bucket-cors` puts this rule on the bucket.
CORS_RULES = [
    {
        "AllowedOrigins": ["*"],
        "AllowedMethods": ["GET", "HEAD"],
        "AllowedHeaders": ["Range"],
        "MaxAgeSeconds": 3600,
    }
]
MAX_EXPIRES = 3600  # a withdrawal must reach every copy: a presigned URL never lives longer


class S3Storage:
    """Files as objects of one private bucket."""

    def __init__(self, bucket: str, *, endpoint_url: str = "", region: str = "",
                 access_key: str = "", secret_key: str = "", expires: int = 60,
                 addressing: str = "auto"):  # fmt: skip
        if not bucket:
            raise RuntimeError("MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET")
        if not 1 <= int(expires) <= MAX_EXPIRES:
            raise RuntimeError(f"MEDIA_S3_URL_EXPIRES must be 1 to {MAX_EXPIRES} seconds")
        # Custom endpoints (MinIO, Garage, an IP address) answer on paths, not bucket host names.
        style = "path" if addressing == "auto" and endpoint_url else addressing
        self.bucket, self.expires = bucket, int(expires)
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint_url or None,
            region_name=region or None,
            aws_access_key_id=access_key or None,
            aws_secret_access_key=secret_key or None,
            config=Config(
                signature_version="s3v4",
                s3={"addressing_style": style},
                retries={"max_attempts": 3, "mode": "standard"},
                connect_timeout=5,
                read_timeout=60,
            ),
        )

    @classmethod
    def from_config(cls, config) -> "S3Storage":
        """The store described by the MEDIA_S3_* settings."""
        return cls(
            config.get("MEDIA_S3_BUCKET", ""),
            endpoint_url=config.get("MEDIA_S3_ENDPOINT_URL", ""),
            region=config.get("MEDIA_S3_REGION", ""),
            access_key=config.get("MEDIA_S3_ACCESS_KEY_ID", ""),
            secret_key=config.get("MEDIA_S3_SECRET_ACCESS_KEY", ""),
            expires=config.get("MEDIA_S3_URL_EXPIRES", 60),
            addressing=config.get("MEDIA_S3_ADDRESSING_STYLE", "auto"),
        )

    def path_for(self, key: str) -> Path | None:
        """Objects have no path on this machine."""
        check_key(key)
        return None

    def url_for(self, key: str, mimetype: str = "", cache_control: str = "") -> str:
        """A presigned GET URL for one object, valid `expires` seconds; the store answers with
        this type and these cache headers (a private file's never allow a shared cache)."""
        params = {"Bucket": self.bucket, "Key": check_key(key)}
        if mimetype:
            params["ResponseContentType"] = mimetype
        if cache_control:
            params["ResponseCacheControl"] = cache_control
        return self.client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=self.expires
        )

    def origin(self) -> str:
        """Where presigned URLs point (scheme://host[:port]): the page's CSP allows it."""
        parts = urlsplit(self.url_for("origin"))
        return f"{parts.scheme}://{parts.netloc}"

    def cors_rules(self) -> list[dict]:
        """The bucket's CORS rules as the store tells them (none: an empty list)."""
        try:
            rules = self.client.get_bucket_cors(Bucket=self.bucket)["CORSRules"]
        except ClientError as error:
            if _code(error) == "NoSuchCORSConfiguration":
                return []
            raise
        return [{key: rule[key] for key in CORS_RULES[0] if key in rule} for rule in rules]

    def set_cors_rules(self) -> None:
        """Put CORS_RULES on the bucket (needs s3:PutBucketCORS: an administrator's keys)."""
        self.client.put_bucket_cors(Bucket=self.bucket, CORSConfiguration={"CORSRules": CORS_RULES})

    def save(self, key: str, data: bytes | BinaryIO) -> int:
        """Write bytes or a file object under key (a PUT is atomic); return the size."""
        check_key(key)
        if isinstance(data, bytes | bytearray):
            self.client.put_object(Bucket=self.bucket, Key=key, Body=bytes(data))
            return len(data)
        self.client.upload_fileobj(data, self.bucket, key)  # multipart when large
        return self.client.head_object(Bucket=self.bucket, Key=key)["ContentLength"]

    def open(self, key: str) -> BinaryIO:
        """A stream of the object (FileNotFoundError when there is none)."""
        try:
            return self.client.get_object(Bucket=self.bucket, Key=check_key(key))["Body"]
        except ClientError as error:
            if _code(error) in NOT_FOUND:
                raise FileNotFoundError(key) from None
            raise

    def delete(self, key: str) -> None:
        """Remove the object if present."""
        self.client.delete_object(Bucket=self.bucket, Key=check_key(key))

    def exists(self, key: str) -> bool:
        """True when the key is stored."""
        try:
            self.client.head_object(Bucket=self.bucket, Key=check_key(key))
        except ClientError as error:
            if _code(error) in NOT_FOUND:
                return False
            raise
        return True

    def keys(self, folder: str) -> list[str]:
        """Every key under a folder (`ab/<hex>`), sorted."""
        prefix = check_key(folder) + "/"
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=prefix
        )
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))
