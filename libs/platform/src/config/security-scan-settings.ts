import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { toBool, toInt } from './transforms';

/** Thresholds and schedule of the security scans (issue 3, point 5); part of `AppConfig`. */
export class SecurityScanSettings {
  /** Run the security scan of every organization daily (the worker's `security.scan-all` schedule). */
  @Transform(toBool)
  @IsBoolean()
  SECURITY_SCAN_DAILY = true;

  /** How far back a scan looks at events and grants (twice the daily interval: a late run leaves no gap). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  SECURITY_SCAN_LOOKBACK_HOURS = 48;

  /** Failed sign-ins are counted within windows of this length. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  SECURITY_SCAN_BURST_WINDOW_MINUTES = 15;

  /** Failed sign-ins for one account within the burst window that make a finding. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(100_000)
  SECURITY_SCAN_FAILED_LOGINS_PER_ACCOUNT = 10;

  /** Failed sign-ins from one IP (against the organization's members) within the burst window. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(100_000)
  SECURITY_SCAN_FAILED_LOGINS_PER_IP = 20;

  /** Distinct IPs of one account are counted within windows of this length. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  SECURITY_SCAN_IP_WINDOW_HOURS = 24;

  /** Distinct IPs (sign-ins and refreshes) of one account within the IP window that make a finding. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(10_000)
  SECURITY_SCAN_DISTINCT_IPS_PER_ACCOUNT = 5;

  /** A member not seen signing in or acting for this many days is dormant. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  SECURITY_SCAN_DORMANT_DAYS = 90;

  /** Distinct IPs one refresh-token family was refreshed from that make a finding. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(10_000)
  SECURITY_SCAN_SESSION_DISTINCT_IPS = 3;

  /** Distinct user agents one refresh-token family was refreshed from that make a finding. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(10_000)
  SECURITY_SCAN_SESSION_DISTINCT_AGENTS = 3;
}
