"""What pinpipe's DAGs share. Not DAGs themselves: .airflowignore keeps the DAG processor out."""
