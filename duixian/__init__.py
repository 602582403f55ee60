"""duixian (兑现): check the numbers in 政府工作报告 against the next year's report."""

__version__ = "0.1.0"
