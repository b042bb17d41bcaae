"""Units: natural units with GeV = 1 (hbar = c = 1).

Multiply by a unit when a number comes in, divide when it goes out::

    m_zp = 10 * MeV          # -> 0.01 (GeV)
    L / km                   # a length in GeV^-1 expressed in km

Lengths and times are in GeV^-1.  The conversion uses hbar*c and hbar, which
are exact in the 2019 SI (CODATA 2018/2022 give the same digits).
"""

GeV = 1.0
MeV = 1.0e-3 * GeV
keV = 1.0e-6 * GeV
eV = 1.0e-9 * GeV
TeV = 1.0e3 * GeV

# hbar*c = 197.3269804 MeV fm, exact digits (CODATA 2022)
HBARC_GEV_M = 197.3269804e-3 * 1.0e-15  # GeV * m
# hbar = 6.582119569e-25 GeV s, exact digits (CODATA 2022)
HBAR_GEV_S = 6.582119569e-25  # GeV * s

m = 1.0 / HBARC_GEV_M  # 1 metre in GeV^-1
cm = 1.0e-2 * m
fm = 1.0e-15 * m
km = 1.0e3 * m
s = 1.0 / HBAR_GEV_S  # 1 second in GeV^-1
us = 1.0e-6 * s  # 1 microsecond in GeV^-1
year = 365.25 * 86400.0 * s  # one Julian year in GeV^-1 (the "y" of tonne-year exposures)
