# tap-zoom pointed at the simulator: its API base is the class constant ZoomClient.BASE_URL.
import os, tap_zoom
tap_zoom.client.ZoomClient.BASE_URL = os.environ["ZOOM_BENCH_API_URL"]
tap_zoom.main()
